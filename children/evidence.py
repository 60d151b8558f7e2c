"""The current care plans and risk assessments as PDFs, for the inspector evidence pack.

Registered as a `homes.extensions.EvidenceSection` in ChildrenConfig.ready(): the pack's builder
(in tracker/) calls `evidence_files` in a Celery worker, so children never imports tracker."""

import datetime
from collections.abc import Iterator

from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from children.models import CarePlan, Child, Goal, RiskAssessment, SignedOffVersion
from children.views.care_plan import goals_by_region
from homes.exports import safe_slug
from homes.models import Home
from homes.pdf import html_to_pdf

SECTION_NAME = "plans"


def children_in_placement_on(home: Home, day: datetime.date) -> QuerySet[Child]:
    """The home's children admitted by `day` and not yet discharged on it."""
    return home.children.filter(archived=False, admission_date__lte=day).filter(
        Q(discharge_date__isnull=True) | Q(discharge_date__gt=day)
    )


def _with_active_versions(children: QuerySet[Child]) -> QuerySet[Child]:
    """Each child with `active_plans` and `active_risk_assessments` (zero or one each), their
    goals, triggers and risks: a constant number of queries however many children."""
    signed = ("child__home", "signed_off_by")
    plans = CarePlan.objects.filter(status=CarePlan.Status.ACTIVE).select_related(*signed)
    risk_assessments = RiskAssessment.objects.filter(status=RiskAssessment.Status.ACTIVE).select_related(*signed)
    return children.select_related("home").prefetch_related(
        Prefetch("care_plans", queryset=plans, to_attr="active_plans"),
        Prefetch("active_plans__goals", queryset=Goal.objects.select_related("lead")),
        Prefetch("risk_assessments", queryset=risk_assessments, to_attr="active_risk_assessments"),
        "active_risk_assessments__triggers",
        "active_risk_assessments__risks",
    )


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, {"generated_at": timezone.localtime(), **context}))


def _version_pdf(record: SignedOffVersion, template: str, noun: str, **context) -> tuple[str, bytes]:
    """(file name, PDF) for one version of a care plan or risk assessment."""
    title = f"{noun}, version {record.version}"
    pdf = render_pdf(template, {"record": record, "child": record.child, "document_title": title, **context})
    return f"{title.lower()}.pdf", pdf


def care_plan_pdf(plan: CarePlan) -> tuple[str, bytes]:
    goals = goals_by_region(list(plan.goals.all()))
    return _version_pdf(plan, "children/pdf/care_plan.html", "Care plan", goals_by_region=goals)


def risk_assessment_pdf(assessment: RiskAssessment) -> tuple[str, bytes]:
    return _version_pdf(assessment, "children/pdf/risk_assessment.html", "Risk assessment")


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    """One PDF for the active care plan and one for the active risk assessment of each child in
    placement at the end of the period: the plans in force as the pack is built."""
    for child in _with_active_versions(children_in_placement_on(home, end)):
        documents = [
            *(care_plan_pdf(plan) for plan in child.active_plans),
            *(risk_assessment_pdf(assessment) for assessment in child.active_risk_assessments),
        ]
        for name, pdf in documents:
            yield f"{child.pk}-{safe_slug(child.preferred_name)}/{name}", pdf
