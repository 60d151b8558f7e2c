"""Reads other apps' pages need from the health record, in a constant number of queries."""

from collections.abc import Iterable

from health.models import Condition


def allergies_by_child(child_ids: Iterable[int]) -> dict[int, list[Condition]]:
    """Each child's current allergies, in one query."""
    found: dict[int, list[Condition]] = {}
    for allergy in Condition.objects.filter(
        child_id__in=list(child_ids), kind=Condition.Kind.ALLERGY, resolved=False
    ).order_by("name"):
        found.setdefault(allergy.child_id, []).append(allergy)
    return found


def allergy_line(allergies: list[Condition]) -> str:
    return "Allergies: " + "; ".join(allergy.label for allergy in allergies) if allergies else ""
