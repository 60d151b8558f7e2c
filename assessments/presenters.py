"""Page context shared by the views and the child's-page panel: the brain map beside the
typical map, and the charts across assessments."""

from assessments import drawing
from assessments.models import Assessment
from assessments.scoring import BrainMapResult, typical_map


def map_pair(assessment: Assessment, result: BrainMapResult, *, prefix: str = "map") -> dict:
    """The child's map and a typical child's of the same age, ready for _brain_map.svg."""
    typical = typical_map(result.instrument, assessment.age_months)
    name = assessment.child.preferred_name
    return {
        "result": result,
        "child_map": drawing.map_drawing(
            result, map_id=f"{prefix}-child", title=f"{name}'s brain map, {assessment.assessed_on:%d %B %Y}"
        ),
        "typical_map": drawing.map_drawing(
            typical, map_id=f"{prefix}-typical", title=f"A typical child of {assessment.age_text}"
        ),
        "legend": drawing.legend(),
    }


def charts(finals: list[Assessment], maps: dict[int, BrainMapResult]) -> dict:
    points = [(a.assessed_on, maps[a.pk]) for a in finals]
    return {"charts": drawing.domain_charts(points), "size": drawing.CHART_SIZE, "points": sorted(points)}
