"""Regulation 44 independent visitors (issue 12, item 2).

A visitor's account is like an inspector's: no membership, no provider role. What they reach is
their `VisitorAppointment`s (the homes they are appointed to visit, while the appointment runs);
everything else answers 404. During a visit window — a `Visit` on its own day, until the visitor
closes it — they read the records a visitor may read of that home (incidents, physical
interventions, missing episodes, complaints, consequences, daily logs, supervision compliance),
never supervision content or wellbeing notes, never an allegation against a member of staff, and
a child's case record (their daily logs, their case-record page) only where the visitor recorded
that the child consented. Every page logs
the read of each child it shows.

The home's members read the signed reports; its managers (and administrators) respond to the
recommendations; an action's owner marks it done. `homes` never imports `visits`: the models are
looked up by name at call time, and records of apps that are not installed are simply absent."""

import datetime

from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from children.models import Child
from homes.access.core import can_manage_home, homes_for
from homes.models import Home, User

# How far back a visitor reads a home's records: the months since the last monthly visit, and some.
VISIT_READS_BACK_DAYS = 92


def _model(name: str):
    return apps.get_model("visits", name)


def _current(prefix: str = "", day: datetime.date | None = None) -> Q:
    day = day or timezone.localdate()
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )


def visitor_homes(user: User) -> QuerySet[Home]:
    """The homes the person is appointed to visit today (none for anyone else)."""
    if not user.is_authenticated or not user.is_active or not apps.is_installed("visits"):
        return Home.objects.none()
    return Home.objects.filter(
        pk__in=_model("VisitorAppointment").objects.filter(_current(), visitor=user).values("home_id")
    )


def is_visitor(user: User) -> bool:
    return visitor_homes(user).exists()


def get_visitor_home_for(user: User, pk: int) -> Home:
    return get_object_or_404(visitor_homes(user), pk=pk)


def visits_for(user: User) -> QuerySet:
    """The visitor's own visits to the homes they are still appointed to."""
    return _model("Visit").objects.filter(visitor=user, home__in=visitor_homes(user))


def get_visit_for(user: User, pk: int):
    return get_object_or_404(visits_for(user).select_related("home"), pk=pk)


def get_open_visit_for(user: User, pk: int):
    """The visit, if its window is open now: the only way to the home's records. 404 otherwise,
    so that a closed visit tells nothing about what the home holds today."""
    visit = get_visit_for(user, pk)
    if not visit.is_open():
        raise Http404
    return visit


def visit_reports_for(user: User) -> QuerySet:
    """The visitor's own reports (drafts too), and the signed reports of the homes a person
    works at or oversees."""
    Report = _model("VisitReport")
    if not user.is_authenticated or not user.is_active:
        return Report.objects.none()
    return Report.objects.filter(
        Q(visit__in=visits_for(user)) | Q(signed_at__isnull=False, visit__home__in=homes_for(user))
    )


def get_visit_report_for(user: User, pk: int):
    return get_object_or_404(visit_reports_for(user).select_related("visit__home", "visit__visitor"), pk=pk)


def recommendations_for(user: User) -> QuerySet:
    return _model("Recommendation").objects.filter(report__in=visit_reports_for(user))


def get_recommendation_for(user: User, pk: int):
    return get_object_or_404(
        recommendations_for(user).select_related("report__visit__home", "owner", "responded_by"), pk=pk
    )


def can_write_visit_report(user: User, report) -> bool:
    """Only the visitor, and only until they sign it (then it is fixed)."""
    return report.visit.visitor_id == user.pk and not report.is_signed


def can_respond_to_visit_report(user: User, home: Home) -> bool:
    """Respond to the recommendations: the home's managers and deputies, and administrators."""
    return can_manage_home(user, home)


def can_complete_visit_action(user: User, recommendation) -> bool:
    return recommendation.owner_id == user.pk or can_respond_to_visit_report(user, recommendation.report.visit.home)


def can_record_visit_report_sent(user: User, report) -> bool:
    """The visitor sends the report to Ofsted; the manager may record it too."""
    return report.is_signed and (
        report.visit.visitor_id == user.pk or can_respond_to_visit_report(user, report.visit.home)
    )


# What a visitor reads during the window: each of these takes an OPEN visit (get_open_visit_for).


def visit_period(visit) -> tuple[datetime.date, datetime.date]:
    return visit.visit_date - datetime.timedelta(days=VISIT_READS_BACK_DAYS), visit.visit_date


def visit_children(visit) -> QuerySet[Child]:
    """The children living at the home on the day of the visit: whom the visitor may meet."""
    return Child.objects.filter(home=visit.home, admission_date__lte=visit.visit_date).filter(
        Q(discharge_date__isnull=True) | Q(discharge_date__gte=visit.visit_date)
    )


def consented_children(visit) -> QuerySet[Child]:
    """The children who agreed, at this visit, to the visitor reading their case record."""
    return Child.objects.filter(visitor_consents__visit=visit, visitor_consents__consent_to_records=True)


def get_consented_child_row(user: User, pk: int):
    """A child's consent row of an open visit of this visitor's, with consent given; else 404."""
    row = get_object_or_404(
        _model("VisitChild")
        .objects.filter(visit__in=visits_for(user), consent_to_records=True)
        .select_related("visit__home", "child"),
        pk=pk,
    )
    if not row.visit.is_open():
        raise Http404
    return row


def visit_records(visit, kind: str) -> QuerySet | None:
    """The home's records of one kind that a visitor reads, in the visit's period, or None when
    the app that keeps them is not installed. Never an allegation against a member of staff,
    never an archived entry."""
    start, end = visit_period(visit)
    home = visit.home
    if kind in {"incidents", "interventions", "missing", "complaints", "consequences"}:
        if not apps.is_installed("safeguarding"):
            return None
        model = {
            "incidents": "Incident",
            "interventions": "PhysicalIntervention",
            "missing": "MissingEpisode",
            "complaints": "Complaint",
            "consequences": "Consequence",
        }[kind]
        Model = apps.get_model("safeguarding", model)
        if kind == "incidents":
            Category = apps.get_model("safeguarding", "IncidentCategory")
            return Model.objects.filter(home=home, occurred_at__date__gte=start, occurred_at__date__lte=end).exclude(
                categories__rule=Category.Rule.ALLEGATION
            )
        if kind == "interventions":
            Category = apps.get_model("safeguarding", "IncidentCategory")
            return Model.objects.filter(
                incident__home=home, started_at__date__gte=start, started_at__date__lte=end
            ).exclude(incident__categories__rule=Category.Rule.ALLEGATION)
        if kind == "missing":
            return Model.objects.filter(
                child__home=home, archived=False, noticed_missing_at__date__gte=start, noticed_missing_at__date__lte=end
            )
        if kind == "complaints":
            return Model.objects.filter(home=home, received_at__date__gte=start, received_at__date__lte=end)
        return Model.objects.filter(
            child__home=home, archived=False, happened_at__date__gte=start, happened_at__date__lte=end
        )
    if kind == "daily-logs":
        if not apps.is_installed("shifts"):
            return None
        # Daily logs are case records: only those of the children who agreed at this visit.
        return apps.get_model("shifts", "DailyLog").objects.filter(
            child__home=home,
            child__in=consented_children(visit),
            archived=False,
            shift_date__gte=start,
            shift_date__lte=end,
        )
    raise ValueError(f"Visitors read no records of kind {kind!r}")
