"""What the meeting pack shows beyond the month's summary (tracker/prefill.py, which carries the
child's own words from key working): the brain maps, the trends and last month's priorities.
Read as the records stood at the end of the month under review, in a constant number of queries."""

import datetime
from dataclasses import dataclass

from assessments import drawing, selectors
from assessments.models import Assessment
from assessments.scoring import BrainMapResult, compare_maps
from children.models import Child
from tracker.models import MonthlyTracker
from tracker.months import previous_month
from tracker.trends import child_trends, trend_charts

# Six months of trends, drawn two charts to a row: labels stay readable on A4.
PACK_TREND_MONTHS = 6
CHART_PRINT_WIDTH_MM = 82
# Each brain map across the page (A4 less its margins; templates/pdf/base.html `.map svg`): at
# this width the narrowest cells are over 10 mm and the item codes print at 9 pt.
MAP_PRINT_WIDTH_MM = 174


@dataclass(frozen=True)
class MapShown:
    assessment: Assessment
    result: BrainMapResult
    drawing: dict


def brain_maps(child: Child, until: datetime.date) -> dict:
    """The latest final assessment on or before `until` after the one before it, with the change
    between them by domain. Seven queries (one for the assessments, six for their maps)."""
    finals = list(
        Assessment.objects.final()
        .filter(child=child, assessed_on__lte=until)
        .select_related("child")
        .order_by("-assessed_on", "-finalised_at")[:2]
    )
    maps = selectors.maps_for(finals)
    shown = [
        MapShown(
            assessment=assessment,
            result=maps[assessment.pk],
            drawing=drawing.map_drawing(
                maps[assessment.pk],
                map_id=f"pack-map-{assessment.pk}",
                title=f"{child.preferred_name}'s brain map, {assessment.assessed_on:%d %B %Y}",
            ),
        )
        for assessment in reversed(finals)  # the previous first, so the latest stands on the right
    ]
    return {
        "maps": shown,
        "legend": drawing.legend(),
        "print_width": MAP_PRINT_WIDTH_MM,
        "letter_chip_width": drawing.LETTER_CHIP_WIDTH,
        "changes": compare_maps(shown[0].result, shown[1].result) if len(shown) == 2 else None,
    }


def pack_context(tracker: MonthlyTracker) -> dict:
    child = tracker.child
    before = MonthlyTracker.objects.filter(child=child, month=previous_month(tracker.month)).first()
    return {
        "brain_maps": brain_maps(child, tracker.month_end),
        "trend_charts": trend_charts(child_trends(child, until=tracker.month, count=PACK_TREND_MONTHS)),
        "print_width": CHART_PRINT_WIDTH_MM,
        "previous_tracker": before,
    }
