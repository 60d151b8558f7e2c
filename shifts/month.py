"""The daily log's part of the child's month in the monthly tracker (children.extensions.MonthSection):
days logged, regulation across the month as a small chart (SVG, so it draws in the review PDFs
too), and the language check's share for the entries written about the child."""

import calendar
import datetime
from dataclasses import dataclass

from children.charts import OKABE_ITO
from children.models import Child
from shifts.language import matcher
from shifts.measure import month_share
from shifts.models import DailyLog

DAY_WIDTH = 12
LEFT = 36
TOP = 12
PLOT = 70
BOTTOM = 22
# One colour per reading, so the low days stand out; each bar also has its number in its title
# and the table beside the chart says the same in words.
COLOURS = {
    1: OKABE_ITO["vermillion"],
    2: OKABE_ITO["orange"],
    3: OKABE_ITO["yellow"],
    4: OKABE_ITO["sky_blue"],
    5: OKABE_ITO["bluish_green"],
}


@dataclass(frozen=True)
class DayBar:
    day: datetime.date
    value: float  # the day's average reading, 1–5
    x: float
    y: float
    height: float
    colour: str


def regulation_chart(days: dict[datetime.date, list[int]], month: datetime.date) -> dict:
    length = calendar.monthrange(month.year, month.month)[1]
    bottom = TOP + PLOT
    bars = []
    for day, values in sorted(days.items()):
        value = round(sum(values) / len(values), 1)
        height = round(PLOT * value / 5, 1)
        bars.append(
            DayBar(
                day=day,
                value=value,
                x=LEFT + (day.day - 1) * DAY_WIDTH + 1,
                y=round(bottom - height, 1),
                height=height,
                colour=COLOURS[round(value)],
            )
        )
    ticks = [(n, LEFT + (n - 1) * DAY_WIDTH + DAY_WIDTH / 2) for n in (1, 8, 15, 22, 29) if n <= length]
    gridlines = [(level, round(bottom - PLOT * level / 5, 1)) for level in (1, 3, 5)]
    return {
        "width": LEFT + length * DAY_WIDTH + 4,
        "height": TOP + PLOT + BOTTOM,
        "left": LEFT,
        "right": LEFT + length * DAY_WIDTH,
        "bottom": bottom,
        "bar_width": DAY_WIDTH - 2,
        "bars": bars,
        "ticks": ticks,
        "gridlines": gridlines,
    }


def month_context(child: Child, month: datetime.date) -> dict | None:
    end = datetime.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    logs = list(
        DailyLog.objects.filter(child=child, archived=False, shift_date__gte=month, shift_date__lte=end).values_list(
            "shift_date", "regulation", *("mood", "food", "sleep", "school", "family_time", "activities", "follow_up")
        )
    )
    if not logs:
        return None
    days: dict[datetime.date, list[int]] = {}
    for row in logs:
        days.setdefault(row[0], []).append(row[1])
    first_day = max(month, child.admission_date)
    last_day = min(end, child.discharge_date or end)
    days_here = max((last_day - first_day).days + 1, 0)
    check = matcher()
    flagged = sum(check.flags("\n".join(text for text in row[2:] if text)) for row in logs)
    counts = {level: sum(1 for row in logs if row[1] == level) for level in DailyLog.Regulation.values}
    home = month_share(child.home, month, using=check)
    return {
        "logs": len(logs),
        "days_logged": len(days),
        "days_here": days_here,
        "chart": regulation_chart(days, month),
        "chart_id": f"regulation-{child.pk}-{month:%Y-%m}",
        "levels": [(label, counts[value]) for value, label in DailyLog.Regulation.choices],
        "flagged": flagged,
        "home_percent": home.percent,
        "month": month,
        "child": child,
    }
