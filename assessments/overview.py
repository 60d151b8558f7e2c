"""The provider overview's column of assessments overdue (issue 12, item 1): children in
placement at each month's end whose next assessment was due before it. Three queries."""

import datetime
from collections import defaultdict

from assessments import selectors
from assessments.models import Assessment
from children.overview import children_by_home, month_ends, placed_on, share
from homes import extensions as home_ext
from homes.models import Home


def assessments_overdue(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    return {
        home_id: [overdue for overdue, _ in counts] for home_id, counts in _overdue_of_placed(homes, months).items()
    }


def assessments_current(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    """Of the children in placement at each month's end, the share whose assessment was not
    overdue (an implementation measure)."""
    return {
        home_id: [share(placed - overdue, placed) for overdue, placed in counts]
        for home_id, counts in _overdue_of_placed(homes, months).items()
    }


def _overdue_of_placed(homes: list[Home], months: list[datetime.date]) -> dict[int, list[tuple[int, int]]]:
    """Per home per month: (children whose assessment was overdue, children in placement)."""
    ends = month_ends(months)
    intervals = {
        home.pk: selectors.interval_for(home)
        for home in Home.objects.filter(pk__in=[h.pk for h in homes]).select_related("assessment_policy")
    }
    children = children_by_home(homes, months)
    finals: dict[int, list[datetime.date]] = defaultdict(list)
    ids = [pk for rows in children.values() for pk, *_ in rows]
    for child_id, assessed_on in Assessment.objects.final().filter(child__in=ids).values_list("child", "assessed_on"):
        finals[child_id].append(assessed_on)
    result = {home.pk: [[0, 0] for _ in months] for home in homes}
    for home_id, rows in children.items():
        for pk, admitted, discharged in rows:
            for index, day in enumerate(ends):
                if not placed_on(admitted, discharged, day):
                    continue
                last = max((on for on in finals[pk] if on <= day), default=None)
                due = selectors.due_after(admitted, last, intervals[home_id])
                result[home_id][index][0] += due < day
                result[home_id][index][1] += 1
    return {home_id: [(overdue, placed) for overdue, placed in rows] for home_id, rows in result.items()}


def register() -> None:
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="assessments-overdue",
            label="Assessments overdue",
            series=assessments_overdue,
            better="lower",
            order=30,
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="assessments-current",
            label="Children with a current assessment",
            series=assessments_current,
            unit="%",
            order=110,
            pages=frozenset({home_ext.IMPLEMENTATION}),
            explanation="Of the children placed at the month's end, those whose next assessment was not yet overdue.",
        )
    )
