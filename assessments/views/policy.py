from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from assessments.forms import PolicyForm
from assessments.models import AssessmentPolicy
from assessments.services.policy import assessment_policy_set
from homes import access, concurrency


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_set_assessment_interval(request.user, home))
    policy = AssessmentPolicy.for_home(home)
    form = PolicyForm(request.POST if request.method == "POST" else None, instance=policy)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            assessment_policy_set(home=home, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [PolicyForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(
                request, f"Children at {home.name} are now re-assessed every {policy.interval_months} months."
            )
            return redirect("home_detail", home_id=home.pk)
    return render(request, "assessments/policy_form.html", {"home": home, "form": form, "changes": changes})
