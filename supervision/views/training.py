from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access
from homes.submissions import create_once
from supervision.forms import TrainingRecordForm
from supervision.models import Course
from supervision.services import training as services


@login_required
@require_GET
def training_matrix(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_oversee_staff(request.user, home))
    rows = services.training_matrix([home])[home.pk]
    return render(
        request,
        "supervision/training_matrix.html",
        {
            "home": home,
            "rows": rows,
            "courses": Course.objects.filter(active=True),
            "counts": services.status_counts(rows),
            "can_oversee": True,
            "can_record": access.can_record_staff_training(request.user, home),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def training_add(request: HttpRequest, home_id: int) -> HttpResponse:
    """Record a completion: managers for their home's staff, anyone for themselves."""
    home = access.get_home_for(request.user, home_id)
    people = access.staff_trainable_by(request.user, home)
    access.require(people.exists())
    form = TrainingRecordForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        people=people.order_by("full_name"),
        initial={"person": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        access.require(access.can_record_training(request.user, person))
        services.training_record(recorded_by=request.user, **form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['course']} recorded for {person.full_name}.")
        if access.can_oversee_staff(request.user, home):
            return redirect("training_matrix", home_id=home.pk)
        return redirect("my_supervision")
    return render(request, "supervision/training_form.html", {"form": form, "home": home})


@login_required
@require_GET
def training_evidence(request: HttpRequest, record_id: int) -> FileResponse:
    """Certificates are staff records: served only through the access check, never from /media/."""
    record = get_object_or_404(access.training_records_for(request.user).exclude(evidence=""), pk=record_id)
    return FileResponse(record.evidence.open("rb"), as_attachment=True, filename=record.evidence.name.split("/")[-1])
