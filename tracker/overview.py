"""The provider overview's column of monthly reviews signed on time (issue 12, item 1): of each
month's trackers, the share whose meeting both people had signed by the 20th of the next month.
A month whose meeting is not yet due has no value. One query. And the children's progress for
the care-and-team chart (item 7): the share of goals progressing or achieved at each month's
reviews."""

import datetime

from django.utils import timezone

from homes import extensions as home_ext
from homes.models import Home
from tracker.models import GoalProgress, MonthlyTracker
from tracker.months import meeting_due_by


def reviews_on_time(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    today = timezone.localdate()
    counts: dict[tuple[int, datetime.date], list[int]] = {}
    rows = MonthlyTracker.objects.filter(child__home__in=homes, month__in=months).values_list(
        "child__home_id", "month", "meeting__manager_signed_at", "meeting__assessor_signed_at"
    )
    for home_id, month, manager_signed, assessor_signed in rows:
        due = meeting_due_by(month)
        on_time = all(signed and timezone.localdate(signed) <= due for signed in (manager_signed, assessor_signed))
        tally = counts.setdefault((home_id, month), [0, 0])
        tally[0] += on_time
        tally[1] += 1
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
