from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access, concurrency
from supervision.forms import PolicyForm
from supervision.models import SupervisionPolicy
from supervision.services import policy as policy_services
from supervision.services.compliance import (
    HomeCompliance,
    compliance_csv,
    compliance_pdf,
    compliance_summary,
    last_months,
)
from supervision.services.training import status_counts, training_matrix


@login_required
@require_GET
def compliance(request: HttpRequest, home_id: int) -> HttpResponse:
    """Who was supervised when, who is overdue, the six-month trend and wellbeing beside it."""
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_oversee_staff(request.user, home))
    start, end = last_months()
    summary = compliance_summary(home, start, end, wellbeing=True)
    matrix = training_matrix([home])[home.pk]
    return render(
        request,
        "supervision/compliance.html",
        {
            "home": home,
            "summary": summary,
            "training": status_counts(matrix),
            "can_oversee": True,
            "can_set_policy": access.can_set_supervision_policy(request.user, home),
            "can_record": access.can_supervise_in(request.user, home),
        },
    )


def _compliance_download(
    request: HttpRequest,
    home_id: int,
    render_file: Callable[[HomeCompliance], bytes],
    content_type: str,
    extension: str,
) -> HttpResponse:
    """The last six months' compliance summary (no confidential content) as a file."""
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_oversee_staff(request.user, home))
    start, end = last_months()
    response = HttpResponse(render_file(compliance_summary(home, start, end)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="supervision-compliance-{home.ofsted_urn}.{extension}"'
    return response


@login_required
@require_GET
def compliance_export(request: HttpRequest, home_id: int) -> HttpResponse:
    return _compliance_download(request, home_id, compliance_csv, "text/csv", "csv")


@login_required
@require_GET
def compliance_export_pdf(request: HttpRequest, home_id: int) -> HttpResponse:
    return _compliance_download(request, home_id, compliance_pdf, "application/pdf", "pdf")


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_set_supervision_policy(request.user, home))
    form = PolicyForm(request.POST if request.method == "POST" else None, instance=SupervisionPolicy.for_home(home))
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            policy_services.supervision_policy_set(home=home, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [PolicyForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(request, f"{home.name}'s supervision policy is saved.")
            return redirect("supervision_compliance", home_id=home.pk)
    return render(request, "supervision/policy_form.html", {"form": form, "home": home, "changes": changes})
