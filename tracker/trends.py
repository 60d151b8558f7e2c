"""A child's tracker history as figures per month, and the SVG charts of them (children/charts.py).

Used by the trends page and the meeting pack. Everything is read in a constant number of
queries whatever the number of months, sessions or goals: one for key working, two for
attendance, one for goal progress."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth

from children.charts import OKABE_ITO, Level, monthly_bars, monthly_steps, nice_maximum
from children.models import Child, KeyWorkingSession, ProvisionArrangement
from children.services.provision import attendance_by_month
from homes.dates import last_months, month_range
from tracker.models import GoalProgress
from tracker.months import first_of, next_month

TREND_MONTHS = 12

# The review's goal-progress scale, worst first as GoalProgress.Progress declares it (the step
# chart draws it bottom-up). Okabe–Ito colours keep the dots distinct with colour blindness;
# the axis labels carry the meaning, the colour only repeats it.
Progress = GoalProgress.Progress
PROGRESS_COLOUR = {
    Progress.REGRESSED: OKABE_ITO["vermillion"],
    Progress.NO_CHANGE: OKABE_ITO["grey"],
    Progress.EMERGING: OKABE_ITO["yellow"],
    Progress.PROGRESSING: OKABE_ITO["sky_blue"],
    Progress.ACHIEVED: OKABE_ITO["bluish_green"],
}
PROGRESS_RANK = {value: rank for rank, value in enumerate(Progress.values)}
PROGRESS_LABEL = dict(Progress.choices)
PROGRESS_LEVELS = [
    Level(value=rank, label=Progress(value).label, colour=PROGRESS_COLOUR[value])
    for rank, value in enumerate(Progress.values)
]

# Provision shown on the trends: what the review asks about (DOMAIN: education and psychotherapy).
TREND_PROVISION = (ProvisionArrangement.Kind.EDUCATION, ProvisionArrangement.Kind.PSYCHOTHERAPY)
PROVISION_COLOUR = {
    ProvisionArrangement.Kind.EDUCATION: OKABE_ITO["orange"],
    ProvisionArrangement.Kind.PSYCHOTHERAPY: OKABE_ITO["reddish_purple"],
}
KEY_WORKING_COLOUR = OKABE_ITO["blue"]


def trend_months(child: Child, until: datetime.date, count: int = TREND_MONTHS) -> list[datetime.date]:
    """The `count` months up to and including `until`'s month, oldest first, starting no earlier
    than the child's admission (months before it would read as months with nothing done)."""
    last = first_of(until)
    months = month_range(*last_months(count, last))
    admitted = first_of(child.admission_date)
    return [month for month in months if month >= admitted] or [last]


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceTrend:
    arrangement: ProvisionArrangement
    percents: list[tuple[datetime.date, int | None]]  # one per trend month; None: nothing possible


@dataclass(frozen=True)
class GoalTrend:
    thread_id: int
    title: str  # the goal's words in its latest month shown
    progress: list[tuple[datetime.date, str | None]]  # one per trend month; None: not reviewed

    @property
    def latest(self) -> str | None:
        return next((value for _, value in reversed(self.progress) if value is not None), None)


@dataclass(frozen=True)
class Trends:
    child: Child
    months: list[datetime.date]
    key_working: list[tuple[datetime.date, int]]
    attendance: list[AttendanceTrend] = field(default_factory=list)
    goals: list[GoalTrend] = field(default_factory=list)


def key_working_by_month(child: Child, months: list[datetime.date]) -> list[tuple[datetime.date, int]]:
    """Key-working sessions held in each month (archived entries are not sessions). One query."""
    rows = (
        KeyWorkingSession.objects.filter(
            child=child, archived=False, happened_at__date__gte=months[0], happened_at__date__lt=next_month(months[-1])
        )
        .annotate(month=TruncMonth("happened_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict[datetime.date, int] = defaultdict(int)
    for row in rows:
        month = row["month"]
        counts[month.date() if isinstance(month, datetime.datetime) else month] += row["count"]
    return [(month, counts[month]) for month in months]


def attendance_trends(child: Child, months: list[datetime.date]) -> list[AttendanceTrend]:
    """Education and psychotherapy attendance per month, aligned on the trend months (a month
    outside an arrangement has no value). Two queries."""
    trends = []
    for item in attendance_by_month(child, start=months[0], end=months[-1]):
        if item.arrangement.kind not in TREND_PROVISION:
            continue
        by_month = {m.month: m.percent for m in item.months}
        trends.append(AttendanceTrend(item.arrangement, [(month, by_month.get(month)) for month in months]))
    return trends


def goal_trends(rows: Iterable[tuple[datetime.date, int, str, str]], months: list[datetime.date]) -> list[GoalTrend]:
    """Goal progress per goal thread from (month, thread id, goal title, progress value) rows,
    aligned on the trend months. Threads are listed in the order they first appear; a thread's
    title is its latest one, since a goal's words may change between plan versions."""
    shown = set(months)
    progress: dict[int, dict[datetime.date, str]] = {}
    titles: dict[int, tuple[datetime.date, str]] = {}
    for month, thread_id, title, value in sorted(rows, key=lambda row: row[0]):
        if month not in shown or value not in PROGRESS_RANK:
            continue
        progress.setdefault(thread_id, {})[month] = value
        titles[thread_id] = (month, title)
    return [
        GoalTrend(thread_id, titles[thread_id][1], [(month, by_month.get(month)) for month in months])
        for thread_id, by_month in progress.items()
    ]


def goal_progress_rows(child: Child, months: list[datetime.date]) -> list[tuple[datetime.date, int, str, str]]:
    """(month, thread id, the goal's title that month, progress) for the child's reviewed goals.
    One query."""
    return list(
        GoalProgress.objects.filter(thread__child=child, tracker__month__gte=months[0], tracker__month__lte=months[-1])
        .order_by("tracker__month", "thread_id")  # threads then list in a stable order
        .values_list("tracker__month", "thread_id", "goal__title", "progress")
    )


def child_trends(child: Child, *, until: datetime.date, count: int = TREND_MONTHS) -> Trends:
    months = trend_months(child, until, count)
    return Trends(
        child=child,
        months=months,
        key_working=key_working_by_month(child, months),
        attendance=attendance_trends(child, months),
        goals=goal_trends(goal_progress_rows(child, months), months),
    )


# --- charts ----------------------------------------------------------------------------------


def trend_charts(trends: Trends) -> dict:
    """The drawings for templates/tracker/_trends.html: each with an id for its SVG title."""
    name = trends.child.preferred_name
    key_working = monthly_bars(
        trends.key_working,
        maximum=nice_maximum([count for _, count in trends.key_working]),
        colour=KEY_WORKING_COLOUR,
        title=f"Key-working sessions with {name} each month",
    )
    attendance = [
        {
            "id": f"trend-attendance-{item.arrangement.pk}",
            "trend": item,
            "chart": monthly_bars(
                item.percents,
                maximum=100,
                unit="%",
                colour=PROVISION_COLOUR[item.arrangement.kind],
                title=f"{item.arrangement.get_kind_display()} attendance with {item.arrangement.provider}, percent",
            ),
        }
        for item in trends.attendance
    ]
    goals = [
        {
            "id": f"trend-goal-{goal.thread_id}",
            "goal": goal,
            "latest": PROGRESS_LABEL.get(goal.latest or "", ""),
            "chart": monthly_steps(
                [(month, None if value is None else PROGRESS_RANK[value]) for month, value in goal.progress],
                levels=PROGRESS_LEVELS,
                title=f"Progress on “{goal.title}”",
            ),
        }
        for goal in trends.goals
    ]
    figures = [
        {"month": month, "key_working": count, "attendance": [item.percents[index][1] for item in trends.attendance]}
        for index, (month, count) in enumerate(trends.key_working)
    ]
    return {
        "trends": trends,
        "figures": figures,
        "key_working": {"id": "trend-key-working", "chart": key_working},
        "attendance": attendance,
        "goals": goals,
        "progress_labels": PROGRESS_LABEL,
    }
