"""The six-month small charts of the safeguarding sections of the monthly tracker (page, meeting
pack and review record): each series is counted from one query of the moments in the six months,
never one query per month, and drawn as month-by-month bars (children/charts.py) with a visually
hidden table of the same numbers (templates/safeguarding/_six_month_chart.html)."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from children.charts import OKABE_ITO, monthly_bars, nice_maximum
from children.extensions import day_start
from homes.dates import add_months, month_start

CHART_MONTHS = 6


def six_months(month: datetime.date) -> list[datetime.date]:
    """The six months ending with `month`, oldest first."""
    last = month_start(month)
    return [add_months(last, index - CHART_MONTHS + 1) for index in range(CHART_MONTHS)]


def between(field: str, month: datetime.date) -> dict:
    """Filter keywords for the datetime `field` within the six months ending with `month`."""
    months = six_months(month)
    return {f"{field}__gte": day_start(months[0]), f"{field}__lt": day_start(add_months(months[-1], 1))}


def per_month(
    moments: Iterable[tuple[datetime.datetime, float]], month: datetime.date
) -> list[tuple[datetime.date, float]]:
    """(month, total) for each of the six months from (moment, amount) pairs; months with none are 0."""
    totals = dict.fromkeys(six_months(month), 0.0)
    for moment, amount in moments:
        key = month_start(timezone.localdate(moment))
        if key in totals:
            totals[key] += amount
    return list(totals.items())


def six_month_chart(
    values: list[tuple[datetime.date, float]], *, title: str, chart_id: str, heading: str, colour: str = "", unit=""
) -> dict:
    """What the partial draws: the bars, and the same numbers for its hidden table."""
    return {
        "chart": monthly_bars(
            values,
            maximum=nice_maximum([value for _, value in values]),
            colour=colour or OKABE_ITO["blue"],
            title=title,
            unit=unit,
        ),
        "chart_id": chart_id,
        "title": title,
        "heading": heading,
        "rows": values,
    }
