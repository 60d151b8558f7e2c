"""Read-side shaping of a child's records that pages and panels share (no queries here)."""

from django.db.models import OuterRef, Subquery

from children.brain import Region
from children.models import Goal, KeyWorkingSession


def last_key_working() -> Subquery:
    """An annotation for a queryset of children: when their last key working (not archived)
    happened, or None. A correlated lookup of one row on the (child, happened_at) index per
    child, where an aggregate would read every session each child ever had."""
    sessions = KeyWorkingSession.objects.filter(child=OuterRef("pk"), archived=False).order_by("-happened_at")
    return Subquery(sessions.values("happened_at")[:1])


def goals_by_region(goals: list[Goal]) -> list[tuple[Region, list[Goal]]]:
    """The goals grouped by the brain region they work on, bottom-up, leaving out empty regions."""
    return [
        (region, [g for g in goals if g.region == region])
        for region in Region
        if any(g.region == region for g in goals)
    ]
