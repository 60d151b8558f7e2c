"""The provider overview's column of monthly reviews signed on time (issue 12, item 1): of each
month's trackers, the share whose meeting both people had signed by the 20th of the next month.
A month whose meeting is not yet due has no value. One query. And the children's progress for
the care-and-team chart (item 7): the share of goals progressing or achieved at each month's
reviews."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from children.extensions import day_start
from homes import extensions as home_ext
from homes.models import Home
from tracker.models import GoalProgress, MonthlyTracker
from tracker.months import meeting_due_by


def reviews_on_time(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    today = timezone.localdate()
    # Signed on time: by both people before the end of the day the meeting was due. Counted by
    # the database, each home's month a row (forty homes' months are thousands of trackers).
    signed_in_time = Q()
    for month in months:
        deadline = day_start(meeting_due_by(month) + datetime.timedelta(days=1))
        signed_in_time |= Q(
            month=month, meeting__manager_signed_at__lt=deadline, meeting__assessor_signed_at__lt=deadline
        )
    rows = (
        MonthlyTracker.objects.filter(child__home__in=homes, month__in=months)
        .values("child__home_id", "month")
        .annotate(on_time=Count("pk", filter=signed_in_time), due=Count("pk"))
        .order_by()
    )
    counts = {(row["child__home_id"], row["month"]): (row["on_time"], row["due"]) for row in rows}
    result: dict[int, list[float | None]] = {}
    for home in homes:
        values: list[float | None] = []
        for month in months:
            on_time, due = counts.get((home.pk, month), (0, 0))
            values.append(round(100 * on_time / due) if due and meeting_due_by(month) <= today else None)
        result[home.pk] = values
    return result


def goals_progressing(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    """Of the goals reviewed at each month's monthly reviews, the share found progressing or
    achieved (None where no goal was reviewed). One query."""
    tallies: dict[tuple[int, datetime.date], list[int]] = {}
    rows = GoalProgress.objects.filter(tracker__child__home__in=homes, tracker__month__in=months).values_list(
        "tracker__child__home_id", "tracker__month", "progress"
    )
    for home_id, month, progress in rows:
        tally = tallies.setdefault((home_id, month), [0, 0])
        tally[0] += progress in (GoalProgress.Progress.PROGRESSING, GoalProgress.Progress.ACHIEVED)
        tally[1] += 1
    result: dict[int, list[float | None]] = {}
    for home in homes:
        values: list[float | None] = []
        for month in months:
            part, whole = tallies.get((home.pk, month), (0, 0))
            values.append(round(100 * part / whole) if whole else None)
        result[home.pk] = values
    return result


def register() -> None:
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="goals-progressing",
            label="Children's goals progressing or achieved",
            series=goals_progressing,
            unit="%",
            order=5,
            pages=frozenset({home_ext.CARE_AND_TEAM}),
            explanation="Of the goals reviewed at the month's monthly reviews, those progressing or achieved.",
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="reviews-on-time",
            label="Monthly reviews signed by the 20th",
            series=reviews_on_time,
            unit="%",
            order=40,
            pages=frozenset({home_ext.PROVIDER_OVERVIEW, home_ext.IMPLEMENTATION}),
            explanation="Of the month's trackers, those whose meeting both people signed by the 20th of the next.",
        )
    )
