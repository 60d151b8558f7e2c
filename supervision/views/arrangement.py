from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from homes import access
from homes.submissions import create_once
from supervision.forms import ArrangementForm
from supervision.models import SupervisionArrangement
from supervision.services import arrangement as services


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def arrangements(request: HttpRequest, home_id: int) -> HttpResponse:
    """Who supervises whom at the home; the registered manager names a supervisor here."""
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_oversee_staff(request.user, home))
    can_arrange = access.can_arrange_supervision(request.user, home)
    if request.method == "POST":
        access.require(can_arrange)
    form = None
    if can_arrange:
        form = ArrangementForm(
            request.POST if request.method == "POST" else None, home=home, initial={"since": timezone.localdate()}
        )
    if request.method == "POST" and form.is_valid():
        try:
            arrangement = services.supervision_arrangement_set(home=home, set_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{arrangement.supervisor.full_name} now supervises {arrangement.person.full_name}."
            )
            return redirect("supervision_arrangements", home_id=home.pk)
    current = list(
        SupervisionArrangement.objects.filter(home=home, until=None)
        .select_related("person", "supervisor")
        .order_by("person__full_name")
    )
    arranged = {arrangement.person_id for arrangement in current}
    staff = access.staff_of(home).order_by("full_name")
    return render(
        request,
        "supervision/arrangements.html",
        {
            "home": home,
            "arrangements": current,
            "unarranged": [person for person in staff if person.pk not in arranged],
            "form": form,
            "can_arrange": can_arrange,
            "can_oversee": True,
        },
    )


@login_required
@require_POST
def arrangement_end(request: HttpRequest, supervisor_arrangement_id: int) -> HttpResponse:
    arrangement = get_object_or_404(
        access.supervision_arrangements_for(request.user).select_related("home", "person", "supervisor"),
        pk=supervisor_arrangement_id,
    )
    access.require(access.can_arrange_supervision(request.user, arrangement.home))
    try:
        services.supervision_arrangement_end(arrangement=arrangement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{arrangement.supervisor.full_name} no longer supervises {arrangement.person.full_name}."
        )
    return redirect("supervision_arrangements", home_id=arrangement.home_id)
