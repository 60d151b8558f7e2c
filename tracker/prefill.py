"""What the records already say about a child's month, computed when shown, never retyped.

`month_summary(child, month)` gathers, in a fixed number of queries however many records the
month holds: the key-working sessions and the child's own words from them, activities by
brain-map domain, education and psychotherapy attendance, any reassessment finalised in the
month and what changed since the assessment before it, the care-plan and risk-assessment
versions started or signed off, and the open goals of the plan in force at the month's end
(with the month's key working on each and the progress entered at the review). The tracker
page and both PDFs render it through templates/tracker/_month_summary.html and
templates/tracker/_goal_progress.html, so a section shows in all three.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from assessments.models import Assessment
from assessments.scoring import DomainChange, compare_maps
from assessments.selectors import maps_for
from children import extensions
from children.brain import Region
from children.extensions import dated, day_start
from children.models import Activity, CarePlan, Child, Goal, ProvisionArrangement, RiskAssessment
from children.models.versioning import SignedOffVersion
from children.services.chronology import key_working_between
from children.services.provision import attendance_by_month
from tracker.models import GoalProgress
from tracker.months import last_day

NO_DOMAIN = "Not linked to a domain"


@dataclass(frozen=True)
class RecordCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Quote:
    """The child's own words from one key-working session."""

    session_id: int
    when: datetime.datetime
    topic: str
    words: str


@dataclass(frozen=True)
class DomainActivity:
    region: str  # a children.brain.Region value, or "" for activities not linked to a domain
    label: str
    count: int
    minutes: int


@dataclass(frozen=True)
class Attendance:
    """One provision arrangement's register for the month."""

    kind: str
    kind_label: str
    provider: str
    attended: int
    possible: int
    expected: int
    percent: int | None


@dataclass(frozen=True)
class Reassessment:
    assessment: Assessment
    previous: Assessment | None
    changes: list[DomainChange] | None


@dataclass(frozen=True)
class VersionChange:
    """A care-plan or risk-assessment version started or signed off during the month."""

    record: str  # "Care plan" or "Risk assessment"
    version: SignedOffVersion
    started: bool
    signed_off: bool
    url_name: str


@dataclass(frozen=True)
class GoalRow:
    """An open goal of the plan in force, the month's key working on it, and its progress."""

    goal: Goal
    key_working: int
    progress: GoalProgress | None


@dataclass(frozen=True)
class MonthSummary:
    child: Child
    month: datetime.date
    records: list[RecordCount] = field(default_factory=list)
    key_working_count: int = 0
    key_working_minutes: int = 0
    quotes: list[Quote] = field(default_factory=list)
    activities: list[DomainActivity] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    reassessments: list[Reassessment] = field(default_factory=list)
    version_changes: list[VersionChange] = field(default_factory=list)
    plan: CarePlan | None = None
    goals: list[GoalRow] = field(default_factory=list)
    # Later apps' parts of the month (children.extensions.register_month_section).
    sections: list[tuple[extensions.MonthSection, dict]] = field(default_factory=list)

    @property
    def total_records(self) -> int:
        return sum(record.count for record in self.records)

    @property
    def activity_count(self) -> int:
        return sum(row.count for row in self.activities)

    @property
    def activity_minutes(self) -> int:
        return sum(row.minutes for row in self.activities)


def _between(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month as aware datetimes (Europe/London): [its first midnight, the next month's)."""
    return day_start(month), day_start(last_day(month) + datetime.timedelta(days=1))


def _records(child: Child, month: datetime.date) -> list[RecordCount]:
    """One query per registered record kind (the chronology's sources)."""
    start, end = month, last_day(month)
    return [
        RecordCount(kind=source.kind, label=source.label, count=source.count_between(child, start, end))
        for source in sorted(extensions.chronology_sources.values(), key=lambda source: source.label)
    ]


def _key_working(child: Child, month: datetime.date) -> tuple[int, int, list[Quote]]:
    sessions = list(
        key_working_between(child, month, last_day(month))
        .only("pk", "happened_at", "topic", "child_voice", "duration_minutes")
        .order_by("happened_at", "pk")
    )
    quotes = [
        Quote(session_id=s.pk, when=s.happened_at, topic=s.topic, words=s.child_voice)
        for s in sessions
        if s.child_voice.strip()
    ]
    return len(sessions), sum(s.duration_minutes for s in sessions), quotes


def _activities(child: Child, month: datetime.date) -> list[DomainActivity]:
    rows = (
        dated(Activity.objects.filter(child=child, archived=False), "date", month, last_day(month))
        .values("region")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    )
    by_region = {row["region"]: row for row in rows}
    order = [region.value for region in Region] + [""]  # bottom-up, as the brain map reads
    return [
        DomainActivity(
            region=region,
            label=Region(region).label if region else NO_DOMAIN,
            count=by_region[region]["count"],
            minutes=by_region[region]["minutes"] or 0,
        )
        for region in order
        if region in by_region
    ]


def _attendance(child: Child, month: datetime.date) -> list[Attendance]:
    rows = []
    for arrangement_months in attendance_by_month(child, start=month, end=month):
        arrangement, register = arrangement_months.arrangement, arrangement_months.months[0]
        rows.append(
            Attendance(
                kind=arrangement.kind,
                kind_label=arrangement.get_kind_display(),
                provider=arrangement.provider,
                attended=register.attended,
                possible=register.possible,
                expected=register.expected,
                percent=register.percent,
            )
        )
    order = [ProvisionArrangement.Kind.EDUCATION, ProvisionArrangement.Kind.PSYCHOTHERAPY]
    return sorted(rows, key=lambda row: order.index(row.kind) if row.kind in order else len(order))


def _reassessments(child: Child, month: datetime.date) -> list[Reassessment]:
    """Reassessments finalised in the month, each against the final assessment before it.
    Seven queries whatever their number: the assessments, then all their maps at once."""
    since, until = _between(month)
    finals = list(Assessment.objects.final().filter(child=child).select_related("child", "assessor"))
    finals.sort(key=lambda a: (a.assessed_on, a.finalised_at))
    pairs = []
    for index, assessment in enumerate(finals):
        if assessment.kind == Assessment.Kind.REVIEW and since <= assessment.finalised_at < until:
            pairs.append((assessment, finals[index - 1] if index else None))
    if not pairs:
        return []
    maps = maps_for(list({a.pk: a for pair in pairs for a in pair if a is not None}.values()))
    return [
        Reassessment(
            assessment=assessment,
            previous=previous,
            changes=compare_maps(maps[previous.pk], maps[assessment.pk]) if previous else None,
        )
        for assessment, previous in pairs
    ]


def _version_changes(child: Child, month: datetime.date) -> list[VersionChange]:
    since, until = _between(month)
    in_month = Q(created_at__gte=since, created_at__lt=until) | Q(signed_off_at__gte=since, signed_off_at__lt=until)
    changes = []
    for label, model, url_name in (
        ("Care plan", CarePlan, "care_plan_detail"),
        ("Risk assessment", RiskAssessment, "risk_assessment_detail"),
    ):
        for version in model.objects.filter(in_month, child=child).order_by("version"):
            changes.append(
                VersionChange(
                    record=label,
                    version=version,
                    started=since <= version.created_at < until,
                    signed_off=version.signed_off_at is not None and since <= version.signed_off_at < until,
                    url_name=url_name,
                )
            )
    return changes


def plan_in_force(child: Child, month: datetime.date) -> CarePlan | None:
    """The care-plan version the team worked to at the end of the month: signed off by then and
    not yet superseded. The month's goals are that version's goals."""
    _, until = _between(month)
    return (
        CarePlan.objects.filter(child=child, signed_off_at__lt=until)
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gte=until))
        .exclude(status=CarePlan.Status.DRAFT)
        .order_by("-version")
        .first()
    )


def open_goals(plan: CarePlan | None, *, also_threads: Iterable[int] = ()) -> list[Goal]:
    """The plan's goals still being worked towards, and those on `also_threads` whatever their
    status (a goal whose progress was recorded stays in the review if the plan has since closed it)."""
    if plan is None:
        return []
    wanted = Q(status__in=Goal.OPEN) | Q(thread_id__in=list(also_threads))
    return list(plan.goals.filter(wanted).select_related("lead").order_by("thread_id"))


def goal_rows(child: Child, month: datetime.date, plan: CarePlan | None) -> list[GoalRow]:
    """The plan's open goals, each with the month's key-working sessions on it (counted across
    plan versions by thread) and the progress entered at the review. Three queries."""
    if plan is None:
        return []
    progress = {row.thread_id: row for row in GoalProgress.objects.filter(tracker__child=child, tracker__month=month)}
    goals = open_goals(plan, also_threads=progress)
    if not goals:
        return []
    worked = dict(
        key_working_between(child, month, last_day(month))
        .filter(goals_worked_on__thread_id__in={goal.thread_id for goal in goals})
        .values_list("goals_worked_on__thread_id")
        .annotate(sessions=Count("pk", distinct=True))
        .order_by()
    )
    return [
        GoalRow(goal=goal, key_working=worked.get(goal.thread_id, 0), progress=progress.get(goal.thread_id))
        for goal in goals
    ]


def month_summary(child: Child, month: datetime.date) -> MonthSummary:
    """The month from the records, in a number of queries that does not grow with them."""
    count, minutes, quotes = _key_working(child, month)
    plan = plan_in_force(child, month)
    return MonthSummary(
        child=child,
        month=month,
        records=_records(child, month),
        key_working_count=count,
        key_working_minutes=minutes,
        quotes=quotes,
        activities=_activities(child, month),
        attendance=_attendance(child, month),
        reassessments=_reassessments(child, month),
        version_changes=_version_changes(child, month),
        plan=plan,
        goals=goal_rows(child, month, plan),
        sections=extensions.month_sections_for(child, month),
    )
