from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from homes import access
from homes.models import current_membership
from homes.submissions import create_once
from supervision.forms import CheckInForm
from supervision.models import WellbeingCheckIn
from supervision.services import wellbeing as services


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def checkin(request: HttpRequest) -> HttpResponse:
    """Five big buttons: a check-in takes a few seconds on the home's iPad."""
    access.require(
        access.homes_for(request.user)
        .filter(current_membership("memberships__"), memberships__user=request.user)
        .exists()
    )
    form = CheckInForm(request.POST if request.method == "POST" else None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.wellbeing_checkin_record(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you for checking in. Look after yourself today.")
            return redirect("dashboard")
    return render(request, "supervision/checkin.html", {"form": form, "scores": WellbeingCheckIn.Score.choices})
