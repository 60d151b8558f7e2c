"""Where care plans and risk assessments show outside their own pages: a panel on the child's
page, overdue reviews on the dashboard, and plan versions in the child's chronology.
Registered in `ChildrenConfig.ready()`."""

import datetime
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from children import extensions as child_ext
from children.models import CarePlan, Child, Goal, RiskAssessment, SignedOffVersion
from children.selectors import goals_by_region
from homes import access
from homes import extensions as home_ext
from homes.models import Home, User


def _child_panel(user: User, child: Child) -> dict:
    plans = list(
        CarePlan.objects.filter(child=child, status__in=[CarePlan.Status.ACTIVE, CarePlan.Status.DRAFT])
        .select_related("signed_off_by")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.order_by("thread_id")))
    )
    assessments = list(
        RiskAssessment.objects.filter(
            child=child, status__in=[RiskAssessment.Status.ACTIVE, RiskAssessment.Status.DRAFT]
        )
        .select_related("signed_off_by")
        .prefetch_related("triggers", "risks")
    )
    plan = next((p for p in plans if p.is_active), None)
    return {
        "child": child,
        "plan": plan,
        "plan_draft": next((p for p in plans if p.is_draft), None),
        "goals_by_region": goals_by_region(list(plan.goals.all())) if plan else [],
        "assessment": next((a for a in assessments if a.is_active), None),
        "assessment_draft": next((a for a in assessments if a.is_draft), None),
        "can_edit": access.can_edit_plans(user, child),
    }


def overdue_reviews(user: User, homes: list[Home]) -> tuple[list[CarePlan], list[RiskAssessment]]:
    """Active plans and risk assessments past their review date, for children in placement."""

    def overdue(model: type[SignedOffVersion]) -> QuerySet:
        records = model.objects.filter(
            status=model.Status.ACTIVE,
            review_date__lt=timezone.localdate(),
            child__home__in=homes,
            child__discharge_date__isnull=True,
            child__archived=False,
        )
        return access.for_children(user, records).select_related("child__home").order_by("review_date")

    return list(overdue(CarePlan)), list(overdue(RiskAssessment))


def _dashboard_panel(user: User, homes: list[Home]) -> dict | None:
    if not homes:  # no home whose overdue work is the person's: not even a query to build
        return None
    plans, assessments = overdue_reviews(user, homes)
    if not plans and not assessments:
        return None
    return {"plans": plans, "assessments": assessments}


def _to_sign_off_panel(user: User, homes: list[Home]) -> dict | None:
    """Drafts of plans and risk assessments waiting for the home's manager to sign them off,
    in the homes where the person signs off (from the roles read once: a person who signs off
    nowhere gets no query built, issue 14). Two queries."""
    signing = [home for home in homes if access.can_manage_home(user, home)]
    if not signing:
        return None

    def drafts(model: type[SignedOffVersion]) -> list:
        records = model.objects.filter(
            status=model.Status.DRAFT,
            child__home__in=signing,
            child__discharge_date__isnull=True,
            child__archived=False,
        )
        return list(records.select_related("child__home", "created_by").order_by("created_at"))

    plans, assessments = drafts(CarePlan), drafts(RiskAssessment)
    if not plans and not assessments:
        return None
    return {"plans": plans, "assessments": assessments}


def _versions_source(model: type[SignedOffVersion], kind: str, noun: str, url_name: str):
    def entries(
        child: Child, start: datetime.date | None, end: datetime.date | None, older: child_ext.Older | None = None
    ) -> Iterator:
        # A child has a handful of versions, each with two moments (started, signed off) that
        # interleave across versions: gather those in the window, then yield newest first as
        # sources must. The query keeps versions with either moment in the window.
        in_dates = child_ext.window("created_at", start, end, is_datetime=True) | child_ext.window(
            "signed_off_at", start, end, is_datetime=True
        )
        records = model.objects.filter(in_dates, child=child).select_related("created_by", "signed_off_by")
        moments = []
        for record in records:
            url = reverse(url_name, args=[record.pk])
            # Keys: each version's two moments apart, the signing after the start.
            started = f"{noun} version {record.version} started"
            moments.append((record.created_at, 2 * record.pk, started, record.created_by, url))
            if record.signed_off_at:
                title = f"{noun} version {record.version} signed off"
                moments.append((record.signed_off_at, 2 * record.pk + 1, title, record.signed_off_by, url))
        for when, key, title, who, url in sorted(moments, key=lambda moment: moment[:2], reverse=True):
            if child_ext.in_window(when, start, end) and (older is None or older.admits(when, key)):
                yield child_ext.ChronologyEntry(when=when, kind=kind, title=title, url=url, author=str(who), key=key)

    return child_ext.ChronologySource(kind=kind, label=f"{noun}s", entries=entries, keyset=True)


def register() -> None:
    child_ext.register_child_panel(
        child_ext.ChildPanel(
            name="care_plan", template="children/care_plan/_panel.html", context=_child_panel, order=20
        )
    )
    home_ext.register_dashboard_panel(
        home_ext.DashboardPanel(
            name="overdue_plan_reviews",
            template="children/care_plan/_overdue_panel.html",
            context=_dashboard_panel,
            order=10,  # overdue first
            audience=home_ext.OVERSIGHT,  # the home's managers and assessors act on these, not care staff
        )
    )
    home_ext.register_dashboard_panel(
        home_ext.DashboardPanel(
            name="plans_to_sign_off",
            template="children/care_plan/_to_sign_off_panel.html",
            context=_to_sign_off_panel,
            order=11,  # what needs the manager's signature, after what is overdue
            audience=home_ext.OVERSIGHT,
        )
    )
    child_ext.register_chronology_source(_versions_source(CarePlan, "care_plan", "Plan", "care_plan_detail"))
    child_ext.register_chronology_source(
        _versions_source(RiskAssessment, "risk_assessment", "Risk assessment", "risk_assessment_detail")
    )
