"""Server-side SVG charts for supervision (pages and PDFs share the partials)."""

from django import template

from supervision.services.compliance import MonthShare
from supervision.services.wellbeing import WellbeingMonth

register = template.Library()

PLOT_HEIGHT = 120
BAR_WIDTH = 44
BAR_GAP = 22
LEFT = 34
TOP = 18


def band(percent: int | None) -> tuple[str, str]:
    """(colour, words): colour is never the only signal, each bar also carries its number."""
    if percent is None:
        return "#adb5bd", "no one due"
    if percent >= 90:
        return "#2e7d32", "on track"
    if percent >= 70:
        return "#b26a00", "some late"
    return "#c62828", "many late"


@register.inclusion_tag("supervision/_compliance_chart.html")
def compliance_chart(months: list[MonthShare], title: str = "Staff supervised on time", compact: bool = False):
    bars = []
    for index, month in enumerate(months):
        percent = month.percent
        height = round(PLOT_HEIGHT * (percent or 0) / 100)
        colour, words = band(percent)
        x = LEFT + BAR_GAP / 2 + index * (BAR_WIDTH + BAR_GAP)
        bars.append(
            {
                "month": month,
                "x": x,
                "y": TOP + PLOT_HEIGHT - height,
                "height": max(height, 1 if percent is not None else 0),
                "centre": x + BAR_WIDTH / 2,
                "colour": colour,
                "words": words,
                "label": "–" if percent is None else f"{percent}%",
            }
        )
    width = LEFT + len(months) * (BAR_WIDTH + BAR_GAP) + 8
    return {
        "bars": bars,
        "title": title,
        "compact": compact,
        "width": width,
        "height": TOP + PLOT_HEIGHT + 34,
        "bar_width": BAR_WIDTH,
        "plot_bottom": TOP + PLOT_HEIGHT,
        "gridlines": [{"y": TOP + PLOT_HEIGHT - PLOT_HEIGHT * p / 100, "label": f"{p}%"} for p in (0, 50, 100)],
        "left": LEFT,
        "right": width - 4,
    }


@register.inclusion_tag("supervision/_wellbeing_trend.html")
def wellbeing_trend(months: list[WellbeingMonth]):
    """Average wellbeing (1–5) per month as dots on a line, only for months with enough people."""
    points = []
    step = BAR_WIDTH + BAR_GAP
    for index, month in enumerate(months):
        x = LEFT + BAR_GAP / 2 + index * step + BAR_WIDTH / 2
        y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * ((month.average - 1) / 4) if month.shown else None
        points.append({"month": month, "x": x, "y": y})
    shown = [p for p in points if p["y"] is not None]
    width = LEFT + len(months) * step + 8
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']:.0f},{p['y']:.0f}" for p in shown),
        "width": width,
        "height": TOP + PLOT_HEIGHT + 34,
        "plot_bottom": TOP + PLOT_HEIGHT,
        "left": LEFT,
        "right": width - 4,
        "gridlines": [{"y": TOP + PLOT_HEIGHT - PLOT_HEIGHT * (s - 1) / 4, "label": s} for s in (1, 3, 5)],
        "months": months,
    }
