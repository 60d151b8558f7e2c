"""The care cycle and the team, side by side (issue 12, item 7): over twelve months on one chart,
the children's progress (the share of goals progressing or achieved at the monthly reviews)
beside the team's wellbeing (an aggregate, only where at least five people checked in), staff
supervised on time and staff turnover. Research with therapeutic carers finds that children's
progress and staff wellbeing feed each other, and that burnout and turnover are the risks.

The series come from the home trends registered for CARE_AND_TEAM (the tracker's goals, team
regulation's supervision and wellbeing), so this app imports neither; turnover comes from the
home's memberships. Drawn on the server as SVG (no script), in plain JSON values so the same
chart is kept in a Regulation 45 review as drafted, with a table for screen readers. A constant
number of queries."""

import datetime

from children.charts import LEFT, MONTH_WIDTH, OKABE_ITO, TOP
from children.overview import month_ends
from homes.dates import add_months, last_months, month_range
from homes.extensions import CARE_AND_TEAM, home_trends_on
from homes.models import Home
from homes.staffing import care_team_spans, staff_changes

CHART_MONTHS = 12
PLOT_HEIGHT = 160
RIGHT_AXIS = 40  # room for the wellbeing scale on the right
BOTTOM = 32

# Each series: colour, dash pattern and marker, so colour is never the only signal.
STYLES = {
    "goals-progressing": (OKABE_ITO["blue"], "", "circle"),
    "supervision-on-time": (OKABE_ITO["bluish_green"], "6 3", "square"),
    "turnover": (OKABE_ITO["vermillion"], "2 3", "diamond"),
    "wellbeing": (OKABE_ITO["orange"], "10 3 2 3", "circle"),
}
WELLBEING = "wellbeing"
WELLBEING_HIDDEN = "Team wellbeing is not shown: in no month did five or more people check in."


def chart_months(until: datetime.date) -> list[datetime.date]:
    return month_range(*last_months(CHART_MONTHS, until))


def turnover(home: Home, months: list[datetime.date]) -> list[float | None]:
    """At each month's end, leavers of the care team over the twelve months to it, as a share of
    the average headcount (homes.staffing). One query."""
    spans = care_team_spans(home)
    values: list[float | None] = []
    for month, end in zip(months, month_ends(months), strict=True):
        year = staff_changes(home, add_months(month, -(CHART_MONTHS - 1)), end, spans)
        values.append(None if year.turnover is None else round(year.turnover))
    return values


def care_and_team(home: Home, until: datetime.date) -> dict:
    """The chart of the twelve months up to `until`'s month, as JSON values."""
    months = chart_months(until)
    series = []
    for trend in home_trends_on(CARE_AND_TEAM):
        values = trend.series([home], months).get(home.pk, [None] * len(months))
        series.append({"name": trend.name, "label": trend.label, "unit": trend.unit, "values": values})
    label = "Staff turnover, the twelve months to the month"
    series.append({"name": "turnover", "label": label, "unit": "%", "values": turnover(home, months)})
    return draw(months, series)


def _y_percent(value: float, bottom: float) -> float:
    return round(bottom - PLOT_HEIGHT * min(max(value, 0), 100) / 100, 1)


def _y_wellbeing(value: float, bottom: float) -> float:
    return round(bottom - PLOT_HEIGHT * (min(max(value, 1), 5) - 1) / 4, 1)


def draw(months: list[datetime.date], series: list[dict]) -> dict:
    """Geometry for templates/oversight/_care_and_team_chart.svg: percentages on the left axis
    (0–100%), wellbeing on the right (1–5). A month without a value breaks the line. A series with
    no value at all is left off the chart (wellbeing with a note: too few people answered)."""
    width = LEFT + len(months) * MONTH_WIDTH + RIGHT_AXIS
    bottom = TOP + PLOT_HEIGHT
    right = width - RIGHT_AXIS
    xs = [LEFT + index * MONTH_WIDTH + MONTH_WIDTH / 2 for index in range(len(months))]
    lines, notes = [], []
    for item in series:
        if all(value is None for value in item["values"]):
            if item["name"] == WELLBEING:
                notes.append(WELLBEING_HIDDEN)
            continue
        colour, dash, marker = STYLES.get(item["name"], (OKABE_ITO["black"], "", "circle"))
        y_of = _y_wellbeing if item["name"] == WELLBEING else _y_percent
        segments, current, dots = [], [], []
        for x, month, value in zip(xs, months, item["values"], strict=True):
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            y = y_of(value, bottom)
            current.append(f"{x:g},{y:g}")
            dots.append({"x": x, "y": y, "title": f"{month:%B %Y}: {value:g}{item['unit']}"})
        if current:
            segments.append(" ".join(current))
        lines.append(
            {
                "name": item["name"],
                "label": item["label"],
                "colour": colour,
                "dash": dash,
                "marker": marker,
                "segments": segments,
                "dots": dots,
                "right_axis": item["name"] == WELLBEING,
            }
        )
    gridlines = [
        {"y": round(bottom - PLOT_HEIGHT * share, 1), "left": f"{round(100 * share)}%", "right": f"{1 + 4 * share:g}"}
        for share in (0, 0.25, 0.5, 0.75, 1)
    ]
    table = {
        "columns": [item["label"] for item in series],
        "rows": [
            {
                "month": f"{month:%B %Y}",
                "values": [
                    "–" if item["values"][index] is None else f"{item['values'][index]:g}{item['unit']}"
                    for item in series
                ],
            }
            for index, month in enumerate(months)
        ],
    }
    return {
        "width": width,
        "height": bottom + BOTTOM,
        "left": LEFT,
        "right": right,
        "top": TOP,
        "bottom": bottom,
        "ticks": [
            {"x": x, "month": f"{month:%b}", "year": f"{month:%Y}" if index == 0 or month.month == 1 else ""}
            for index, (x, month) in enumerate(zip(xs, months, strict=True))
        ],
        "gridlines": gridlines,
        "lines": lines,
        "notes": notes,
        "table": table,
        "has_wellbeing": any(line["right_axis"] for line in lines),
        "title": f"Children's progress and the team, {months[0]:%B %Y} to {months[-1]:%B %Y}",
    }


def home_panel(user, home: Home) -> dict:
    """The chart on the home's page: the twelve months to this one."""
    from django.utils import timezone

    return {"chart": care_and_team(home, timezone.localdate()), "chart_id": f"care-and-team-{home.pk}"}


def review_facts(home: Home, start: datetime.date, end: datetime.date) -> dict:
    """The chart in the Regulation 45 review: the twelve months to the period's end."""
    return care_and_team(home, end)
