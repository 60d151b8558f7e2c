from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from children.forms.risk_assessment import risk_assessment_editor
from children.models import Risk, RiskAssessment, Trigger
from children.services import risk_assessment as services
from children.views import versioning
from children.views.versioning import Kind
from homes.submissions import create_once


def _save(assessment: RiskAssessment, user, revision: int, form, formsets) -> RiskAssessment:
    triggers, risks = formsets
    return services.risk_assessment_save(
        assessment=assessment,
        user=user,
        revision=revision,
        fields=form.values(),
        triggers=triggers.values(),
        risks=risks.values(),
    )


RISK_ASSESSMENTS = Kind(
    model=RiskAssessment,
    noun="risk assessment",
    url="risk_assessment",
    section="risk",
    detail_queryset=lambda: RiskAssessment.objects.select_related(
        "child__home", "created_by", "updated_by", "signed_off_by"
    ).prefetch_related("triggers", "risks"),
    rows=(Trigger, Risk),
    editor=risk_assessment_editor,
    start=services.risk_assessment_start,
    save=_save,
    sign_off=lambda assessment, user, revision: services.risk_assessment_sign_off(
        assessment=assessment, user=user, revision=revision
    ),
)


@login_required
@require_GET
def risk_assessment_list(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.version_list(request, RISK_ASSESSMENTS, child_id)


@login_required
@require_GET
def child_risk(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.current(request, RISK_ASSESSMENTS, child_id)


@login_required
@require_GET
def risk_assessment_detail(request: HttpRequest, risk_assessment_id: int) -> HttpResponse:
    return versioning.detail(request, RISK_ASSESSMENTS, risk_assessment_id)


@login_required
@require_POST
@create_once
def risk_assessment_start(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.start(request, RISK_ASSESSMENTS, child_id)


@login_required
@require_http_methods(["GET", "POST"])
def risk_assessment_edit(request: HttpRequest, risk_assessment_id: int) -> HttpResponse:
    return versioning.edit(request, RISK_ASSESSMENTS, risk_assessment_id)


@login_required
@require_POST
def risk_assessment_sign_off(request: HttpRequest, risk_assessment_id: int) -> HttpResponse:
    return versioning.sign_off(request, RISK_ASSESSMENTS, risk_assessment_id)


@login_required
@require_GET
def risk_assessment_history(request: HttpRequest, risk_assessment_id: int) -> HttpResponse:
    return versioning.history(request, RISK_ASSESSMENTS, risk_assessment_id)
