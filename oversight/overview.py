"""The provider overview (issue 12, item 1): one row per home, one column per registered home
trend (homes.extensions.register_home_trend: places, reviews, assessments, supervision, training,
wellbeing; incidents and missing episodes when the safeguarding app registers them), each the
latest month's value beside a six-month sparkline. Queries grow with the columns, never with the
homes or their records."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from children.charts import Sparkline, sparkline
from homes.dates import last_months, month_range
from homes.extensions import PROVIDER_OVERVIEW, HomeTrend, home_trends_on
from homes.models import Home

OVERVIEW_MONTHS = 6


@dataclass(frozen=True)
class Cell:
    trend: HomeTrend
    latest: float | None
    spark: Sparkline | None

    @property
    def latest_words(self) -> str:
        return "–" if self.latest is None else f"{self.latest:g}{self.trend.unit}"


@dataclass(frozen=True)
class Row:
    home: Home
    cells: list[Cell]


@dataclass(frozen=True)
class Overview:
    months: list[datetime.date]
    trends: list[HomeTrend]
    rows: list[Row]


def provider_overview(homes: list[Home], page: str = PROVIDER_OVERVIEW, today: datetime.date | None = None) -> Overview:
    """The homes' trends registered for `page` (the provider overview, or the implementation
    measures)."""
    start, end = last_months(OVERVIEW_MONTHS, today or timezone.localdate())
    months = month_range(start, end)
    trends = home_trends_on(page)
    series = {trend.name: trend.series(homes, months) for trend in trends}
    rows = []
    for home in homes:
        cells = []
        for trend in trends:
            values = series[trend.name].get(home.pk, [None] * len(months))
            latest = next((value for value in reversed(values) if value is not None), None)
            spark = sparkline(
                list(zip(months, values, strict=True)), title=f"{trend.label} at {home.name}", unit=trend.unit
            )
            cells.append(Cell(trend=trend, latest=latest, spark=spark))
        rows.append(Row(home=home, cells=cells))
    return Overview(months=months, trends=trends, rows=rows)
