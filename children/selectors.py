"""Read-side shaping of a child's records that pages and panels share (no queries here)."""

from children.brain import Region
from children.models import Goal


def goals_by_region(goals: list[Goal]) -> list[tuple[Region, list[Goal]]]:
    """The goals grouped by the brain region they work on, bottom-up, leaving out empty regions."""
    return [
        (region, [g for g in goals if g.region == region])
        for region in Region
        if any(g.region == region for g in goals)
    ]
