"""Geometry for small month-by-month SVG charts, shared by every app (each may import children).

The partials in templates/children/charts/ only place what these functions compute, so the
same chart serves a page and a WeasyPrint PDF: no JavaScript, no chart library (the sparkline,
hundreds to a page, is drawn here whole). Colours come
from the Okabe–Ito palette, which stays distinct for the common kinds of colour blindness;
colour is never the only signal (every bar carries its number, every step its label on the
axis), and each chart is paired with a table for screen readers."""

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

# Shared layout, in SVG user units: a 12-month chart is 12 * MONTH_WIDTH + LEFT wide.
MONTH_WIDTH = 40
LEFT = 36
RIGHT = 6
TOP = 16
BOTTOM = 32  # room for the month and year under the axis, at 12 px (issue 13: labels >= 12 px)


@dataclass(frozen=True)
class MonthTick:
    month: datetime.date
    x: float  # the centre of the month's column


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    value: float | None
    label: str  # the number written on the bar ("–" for no value)
    x: float
    y: float
    width: float
    height: float
    centre: float
    colour: str  # the chart's colour, or its band's (`bands` in monthly_bars)
    words: str = ""  # the band in words, so colour is never the only signal
    note: str = ""  # more about the month for the bar's title ("4 of 5 on time")


@dataclass(frozen=True)
class Band:
    minimum: float  # a value at or above this is in the band
    colour: str
    words: str


# Bands for a percent per month where all of it is the aim (attendance, staff supervised on
# time), highest first: the one place their thresholds and colours are set.
PERCENT_BANDS = (
    Band(90, OKABE_ITO["bluish_green"], "on track"),
    Band(70, OKABE_ITO["orange"], "below target"),
    Band(0, OKABE_ITO["vermillion"], "well below target"),
)


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


def month_ticks(months: Sequence[datetime.date]) -> list[MonthTick]:
    return [
        MonthTick(month=month, x=LEFT + index * MONTH_WIDTH + MONTH_WIDTH / 2) for index, month in enumerate(months)
    ]


def _frame(months: Sequence[datetime.date], plot_height: float) -> dict:
    width = LEFT + max(len(months), 1) * MONTH_WIDTH + RIGHT
    return {
        "width": width,
        "height": TOP + plot_height + BOTTOM,
        "left": LEFT,
        "right": width - RIGHT,
        "top": TOP,
        "bottom": TOP + plot_height,
        "ticks": month_ticks(months),
    }


def nice_maximum(values: Sequence[float | None], floor: int = 4) -> int:
    """The top of a count axis: at least `floor`, rounded up to an even number so the middle
    gridline falls on a whole number."""
    top = max([floor, *[value for value in values if value is not None]])
    top = int(-(-top // 1))  # ceil without importing math for one call
    return top + top % 2


def monthly_bars(
    values: Sequence[tuple[datetime.date, float | None]],
    *,
    maximum: float,
    colour: str,
    title: str,
    unit: str = "",
    plot_height: float = 90,
    bar_width: float = 26,
    bands: Sequence[Band] = (),
    notes: Sequence[str] | None = None,
) -> dict:
    """One bar per month, height value / maximum of the plot. A month with no value (nothing
    that could be counted) gets no bar and a dash, not a zero-height bar that reads as 0.
    With `bands` (highest first) each bar takes the colour and words of the first band its
    value reaches; `notes` (one per month) add to each bar's title."""
    frame = _frame([month for month, _ in values], plot_height)
    bars = []
    for tick, (month, value), note in zip(frame["ticks"], values, notes or [""] * len(values), strict=True):
        height = 0.0 if value is None else round(plot_height * min(value, maximum) / maximum, 1)
        band = next((band for band in bands if value is not None and value >= band.minimum), None)
        bars.append(
            Bar(
                month=month,
                value=value,
                label="–" if value is None else f"{value:g}{unit}",
                x=round(tick.x - bar_width / 2, 1),
                y=round(frame["bottom"] - height, 1),
                width=bar_width,
                height=height,
                centre=tick.x,
                colour=band.colour if band else colour,
                words=band.words if band else "",
                note=note,
            )
        )
    gridlines = [
        Gridline(y=round(frame["bottom"] - plot_height * share, 1), label=f"{maximum * share:g}{unit}")
        for share in (0, 0.5, 1)
    ]
    return {**frame, "bars": bars, "gridlines": gridlines, "colour": colour, "title": title}


def monthly_percent_bars(
    values: Sequence[tuple[datetime.date, int | None]], *, title: str, notes: Sequence[str] | None = None
) -> dict:
    """Percent per month on a 0–100% axis, each bar coloured by PERCENT_BANDS."""
    return monthly_bars(
        values, maximum=100, unit="%", colour=OKABE_ITO["grey"], title=title, bands=PERCENT_BANDS, notes=notes
    )


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    colour: str
    y: float = 0


@dataclass(frozen=True)
class Step:
    month: datetime.date
    x: float
    y: float
    level: Level


def monthly_steps(
    values: Sequence[tuple[datetime.date, int | None]],
    *,
    levels: Sequence[Level],
    title: str,
    row_height: float = 18,
    left: float = 120,
) -> dict:
    """A step chart on an ordinal scale: each month's level as a dot, joined month to month by
    horizontal-then-vertical steps. A month without a value breaks the line (the gap is real:
    nothing was recorded). `levels` run from the lowest (drawn at the bottom) up; `left` makes
    room for their labels on the axis."""
    plot_height = row_height * (len(levels) - 1)
    frame = _frame([month for month, _ in values], plot_height)
    shift = left - LEFT
    frame["width"] += shift
    frame["right"] += shift
    frame["left"] = left
    frame["ticks"] = [MonthTick(month=tick.month, x=tick.x + shift) for tick in frame["ticks"]]
    placed = {
        level.value: Level(level.value, level.label, level.colour, round(frame["bottom"] - index * row_height, 1))
        for index, level in enumerate(levels)
    }
    steps, segments, current = [], [], []
    for tick, (month, value) in zip(frame["ticks"], values, strict=True):
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        step = Step(month=month, x=tick.x, y=placed[value].y, level=placed[value])
        steps.append(step)
        current.append(step)
    if current:
        segments.append(current)
    paths = []
    for segment in segments:
        commands = [f"M{segment[0].x:g},{segment[0].y:g}"]
        for before, after in zip(segment, segment[1:], strict=False):
            commands.append(f"H{(before.x + after.x) / 2:g}V{after.y:g}H{after.x:g}")
        paths.append("".join(commands))
    return {**frame, "steps": steps, "paths": paths, "levels": list(placed.values()), "title": title}


@dataclass(frozen=True)
class Sparkline:
    """A line of a few months' values, small enough for a table cell (the provider overview)."""

    points: str  # "x,y x,y ..." for <polyline>, over the months that have a value
    words: str  # every month's value in words, for the image's accessible name
    svg: SafeString  # the picture, made here: forty homes' cells through a template include
    # (and its localisation of every number) were most of the provider overview's rendering


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 96, 28, 3
MONTH_ABBR = list(calendar.month_abbr)  # read once: each read of calendar's formats a date
# The numbers as SVG writes them (never a locale's decimal comma); format_html escapes the words.
SPARK_SVG = (
    f'<svg class="sparkline" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}"'
    ' role="img" aria-label="{words}" xmlns="http://www.w3.org/2000/svg"><title>{words}</title>'
    '<polyline points="{line}" fill="none" stroke="#0072B2" stroke-width="1.5"/>'
    '<circle cx="{x}" cy="{y}" r="2.5" fill="#0072B2"/></svg>'
)


def sparkline(values: Sequence[tuple[datetime.date, float | None]], *, title: str, unit: str = "") -> Sparkline | None:
    """None when no month has a value (the cell says so in words instead)."""
    known = [value for _, value in values if value is not None]
    if not known:
        return None
    low, high = min(known), max(known)
    span = (high - low) or 1
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    points = []
    for index, (_, value) in enumerate(values):
        if value is None:
            continue
        x = round(SPARK_PAD + index * step, 1)
        y = round(SPARK_HEIGHT - SPARK_PAD - (value - low) / span * (SPARK_HEIGHT - 2 * SPARK_PAD), 1)
        points.append((x, y))
    months = ", ".join(
        f"{MONTH_ABBR[month.month]}: {'none' if value is None else f'{value:g}{unit}'}" for month, value in values
    )
    words = f"{title}, {months}"
    line = " ".join(f"{x:g},{y:g}" for x, y in points)
    svg = format_html(SPARK_SVG, words=words, line=line, x=f"{points[-1][0]:g}", y=f"{points[-1][1]:g}")
    return Sparkline(points=line, words=words, svg=svg)
