"""The provider overview (issue 12, item 1): one row per home, one column per registered home
trend (homes.extensions.register_home_trend: places, reviews, assessments, supervision, training,
wellbeing; incidents and missing episodes when the safeguarding app registers them), each the
latest month's value beside a six-month sparkline.

The values are counted from the records every ten minutes (`count_figures`, run by beat) and
stored as `HomeMonthFigure`s, so the pages read one row per home, column and month rather than
every home's records (issue 14: forty homes' records made the page three to four times slower
than four homes'). A page that finds a home's figures missing or older than RECOUNT_AFTER (beat
stopped, a new home, a new month) counts that home's now, and stores them."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from children.charts import Sparkline, sparkline
from homes.dates import last_months, month_range
from homes.extensions import PROVIDER_OVERVIEW, HomeTrend, home_trends, home_trends_on
from homes.models import Home
from oversight.models import HomeMonthFigure

OVERVIEW_MONTHS = 6
# Three times beat's interval (CELERY_BEAT_SCHEDULE "count-home-figures": every ten minutes).
RECOUNT_AFTER = datetime.timedelta(minutes=30)

Series = dict[int, list[float | None]]


@dataclass(frozen=True)
class Cell:
    trend: HomeTrend
    latest: float | None
    spark: Sparkline | None

    @property
    def latest_words(self) -> str:
        return "–" if self.latest is None else f"{self.latest:g}{self.trend.unit}"


# Each row's cells are made here, as the sparklines are: forty homes' dozen cells through the
# template's loop and its lookups were a third of the page's rendering.
CELL_HTML = '<td data-trend="{}"><span class="fw-semibold">{}</span>{}</td>'


@dataclass(frozen=True)
class Row:
    home: Home
    cells: list[Cell]

    @property
    def cells_html(self) -> SafeString:
        return format_html_join(
            "",
            CELL_HTML,
            ((cell.trend.name, cell.latest_words, cell.spark.svg if cell.spark else "") for cell in self.cells),
        )


@dataclass(frozen=True)
class Overview:
    months: list[datetime.date]
    trends: list[HomeTrend]
    rows: list[Row]
    counted_at: datetime.datetime  # when the oldest figure shown was counted


def overview_months() -> list[datetime.date]:
    """The months the pages show: the last five and this one."""
    return month_range(*last_months(OVERVIEW_MONTHS, timezone.localdate()))


def provider_overview(homes: list[Home], page: str = PROVIDER_OVERVIEW) -> Overview:
    """The homes' trends registered for `page` (the provider overview, or the implementation
    measures)."""
    months = overview_months()
    trends = home_trends_on(page)
    series, counted_at = stored_figures(homes, trends, months)
    rows = []
    for home in homes:
        cells = []
        for trend in trends:
            values = series[trend.name][home.pk]
            latest = next((value for value in reversed(values) if value is not None), None)
            spark = sparkline(
                list(zip(months, values, strict=True)), title=f"{trend.label} at {home.name}", unit=trend.unit
            )
            cells.append(Cell(trend=trend, latest=latest, spark=spark))
        rows.append(Row(home=home, cells=cells))
    return Overview(months=months, trends=trends, rows=rows, counted_at=counted_at)


def stored_figures(
    homes: list[Home], trends: list[HomeTrend], months: list[datetime.date]
) -> tuple[dict[str, Series], datetime.datetime]:
    """Each trend's values for each home, one a month, as stored, and when the oldest of them was
    counted. A trend's figures for homes that lack one of the months, or were counted before
    RECOUNT_AFTER, are counted now (and stored): two queries, and a recount only when needed."""
    now = timezone.now()
    fresh = HomeMonthFigure.objects.filter(
        home__in=homes,
        trend__in=[trend.name for trend in trends],
        month__in=months,
        counted_at__gte=now - RECOUNT_AFTER,
    )
    found: dict[str, dict[int, dict[datetime.date, float | None]]] = defaultdict(lambda: defaultdict(dict))
    for home_id, trend, month, value in fresh.values_list("home_id", "trend", "month", "value"):
        found[trend][home_id][month] = value
    # When, asked apart: reading the time of each figure was a fifth of the page (Django's loader
    # of PostgreSQL's timestamps is Python).
    counted_at = fresh.aggregate(oldest=Min("counted_at"))["oldest"] or now
    series: dict[str, Series] = {}
    for trend in trends:
        stored = found[trend.name]
        missing = [home for home in homes if len(stored[home.pk]) < len(months)]
        recounted = count_figures(missing, [trend], months)[trend.name] if missing else {}
        series[trend.name] = {
            home.pk: recounted[home.pk] if home.pk in recounted else [stored[home.pk][month] for month in months]
            for home in homes
        }
    return series, counted_at


def count_figures(homes: list[Home], trends: list[HomeTrend], months: list[datetime.date]) -> dict[str, Series]:
    """Count the trends' values for the homes and months from the records, store them (replacing
    what was stored) and return them."""
    now = timezone.now()
    counted = {}
    for trend in trends:
        series = trend.series(homes, months)  # a home with nothing to count may be left out
        counted[trend.name] = {home.pk: series.get(home.pk, [None] * len(months)) for home in homes}
    HomeMonthFigure.objects.bulk_create(
        [
            HomeMonthFigure(home_id=home_id, trend=name, month=month, value=value, counted_at=now)
            for name, series in counted.items()
            for home_id, values in series.items()
            for month, value in zip(months, values, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["home", "trend", "month"],
        update_fields=["value", "counted_at"],
    )
    return counted


def count_every_homes_figures() -> int:
    """Every ten minutes (CELERY_BEAT_SCHEDULE): every home's figures in every column of both
    pages for the months they show, and months that have left the pages forgotten. Returns how
    many figures were counted."""
    months = overview_months()
    homes = list(Home.objects.all())
    counted = count_figures(homes, list(home_trends.values()), months)
    HomeMonthFigure.objects.filter(month__lt=months[0]).delete()
    return sum(len(series) for series in counted.values()) * len(months)
