"""Server-side SVG charts for supervision (pages and PDFs share the partials; the bars are
children/charts.py's)."""

from django import template

from children.charts import monthly_percent_bars
from supervision.services.compliance import HomeCompliance
from supervision.services.wellbeing import WellbeingMonth

register = template.Library()

PLOT_HEIGHT = 120
BAR_WIDTH = 44
BAR_GAP = 22
LEFT = 34
TOP = 18


@register.inclusion_tag("children/charts/_bars.svg")
def compliance_chart(summary: HomeCompliance, title: str = "Staff supervised on time", print_width=None):
    months = summary.months
    notes = [f"{month.on_time} of {month.due} on time" if month.due else "no one due" for month in months]
    chart = monthly_percent_bars([(month.month, month.percent) for month in months], title=title, notes=notes)
    return {"chart": chart, "chart_id": f"compliance-{summary.home.pk}", "print_width": print_width}


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
