"""Geometry for the server-side SVG drawings (templates/assessments/_brain_map.svg and
_domain_charts.svg). The templates only place what these functions compute, so the same
drawing serves pages and, later, PDFs.

Colours are the Okabe–Ito colour-blind-safe palette; every band is also shown by a letter and
a pattern, so the map reads in greyscale and for people who cannot tell the colours apart."""

import datetime
from dataclasses import dataclass

from assessments.scoring import BrainMapResult, ItemResult
from children.brain import Band

BAND_STYLE = {
    # band: (fill, letter, pattern id suffix or "")
    Band.SIGNIFICANT: ("#D55E00", "S", "hatch"),
    Band.MODERATE: ("#E69F00", "Mo", "dots"),
    Band.MILD: ("#F0E442", "Mi", "lines"),
    Band.TYPICAL: ("#009E73", "T", ""),
}
UNSCORED_STYLE = ("#E9ECEF", "–", "")

LABEL_WIDTH = 132
ROW_HEIGHT = 46
ROW_GAP = 6
TOP = 8
# Row widths widen from brainstem to cortex, so the map stands like the brain: bottom-up.
ROW_WIDTHS = (232, 272, 312, 352)
MAP_WIDTH = LABEL_WIDTH + max(ROW_WIDTHS) + 8


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    width: float
    height: float
    fill: str
    letter: str
    pattern: str
    code: str
    title: str

    # Print (WeasyPrint draws no paint-order halo): the code and the band letter each stand on a
    # white chip inside the cell, so they read over the colour and the pattern.
    @property
    def chip_x(self) -> float:
        return round(self.x + 3, 1)

    @property
    def chip_width(self) -> float:
        return round(self.width - 6, 1)

    @property
    def letter_chip_x(self) -> float:
        return round(self.x + self.width / 2 - LETTER_CHIP_WIDTH / 2, 1)


LETTER_CHIP_WIDTH = 24


@dataclass(frozen=True)
class Row:
    y: float
    label: str
    sublabel: str
    cells: list[Cell]


def legend() -> list[dict]:
    return [
        {"band": band, "label": band.label, "fill": fill, "letter": letter, "pattern": pattern, "x": index * 160}
        for index, (band, (fill, letter, pattern)) in enumerate(BAND_STYLE.items())
    ]


def _cell_title(result: ItemResult) -> str:
    if result.score is None:
        return f"{result.item.code} {result.item.label}: not scored yet"
    return (
        f"{result.item.code} {result.item.label}: {result.score} (typical for age {result.expected})"
        f" – {result.band.label}"
    )


def map_drawing(result: BrainMapResult, *, map_id: str, title: str) -> dict:
    """Rows top (cortex) to bottom (brainstem), one cell per item, and the text for screen readers."""
    domains = list(result.domains)
    rows = []
    for position, domain in enumerate(reversed(domains)):
        depth = len(domains) - 1 - position  # 0 = brainstem, the narrowest
        width = ROW_WIDTHS[min(depth, len(ROW_WIDTHS) - 1)]
        left = LABEL_WIDTH + (max(ROW_WIDTHS) - width) / 2
        y = TOP + position * (ROW_HEIGHT + ROW_GAP)
        count = max(len(domain.items), 1)
        cells = []
        for index, item in enumerate(domain.items):
            fill, letter, pattern = BAND_STYLE[item.band] if item.band else UNSCORED_STYLE
            cells.append(
                Cell(
                    x=round(left + index * width / count, 1),
                    y=y,
                    width=round(width / count, 1),
                    height=ROW_HEIGHT,
                    fill=fill,
                    letter=letter,
                    pattern=f"{map_id}-{pattern}" if pattern else "",
                    code=item.item.code,
                    title=_cell_title(item),
                )
            )
        rows.append(Row(y=y, label=domain.name, sublabel=domain.region.brain_part, cells=cells))
    summary = "; ".join(f"{d.name}: {d.band.label if d.band else 'not scored'}" for d in domains)
    return {
        "id": map_id,
        "title": title,
        "description": f"Bottom-up from the brainstem. {summary}.",
        "rows": rows,
        "width": MAP_WIDTH,
        "height": TOP * 2 + len(rows) * ROW_HEIGHT + (len(rows) - 1) * ROW_GAP,
    }


CHART_WIDTH, CHART_HEIGHT = 320, 150
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 40, 16, 26, 28
THRESHOLDS = (40, 65, 85)  # the band boundaries, drawn as guide lines


def domain_charts(points: list[tuple[datetime.date, BrainMapResult]]) -> list[dict]:
    """One small line chart per domain: % of age expectation at each assessment, in date order."""
    if not points:
        return []
    points = sorted(points, key=lambda p: p[0])
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    inner_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    inner_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM

    def x_at(day: datetime.date) -> float:
        if len(points) == 1:
            return CHART_LEFT + inner_w / 2
        return round(CHART_LEFT + inner_w * (day - first).days / span, 1)

    def y_at(percent: float) -> float:
        return round(CHART_TOP + inner_h * (1 - percent / 100), 1)

    charts = []
    for index, domain in enumerate(points[-1][1].domains):
        marks = []
        for day, result in points:
            match = next((d for d in result.domains if d.region == domain.region), None)
            if match is None or match.percent is None:
                continue
            marks.append(
                {
                    "x": x_at(day),
                    "y": y_at(match.percent),
                    "percent": match.percent,
                    "day": day,
                    "fill": BAND_STYLE[match.band][0],
                }
            )
        charts.append(
            {
                "id": f"chart-{index}",
                "name": domain.name,
                "region": domain.region,
                "marks": marks,
                "path": " ".join(f"{'M' if i == 0 else 'L'}{m['x']},{m['y']}" for i, m in enumerate(marks)),
                "guides": [{"y": y_at(t), "label": f"{t}%"} for t in (0, *THRESHOLDS, 100)],
                "x_labels": [
                    {"x": x_at(first), "label": f"{first:%b %Y}", "anchor": "start" if len(points) > 1 else "middle"},
                    *([{"x": x_at(last), "label": f"{last:%b %Y}", "anchor": "end"}] if len(points) > 1 else []),
                ],
            }
        )
    return charts


CHART_SIZE = {"width": CHART_WIDTH, "height": CHART_HEIGHT, "left": CHART_LEFT, "right": CHART_WIDTH - CHART_RIGHT}
