"""Reads other apps' pages and this app's pages need, in a constant number of queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from children.models import Child
from health.models import Condition, Dose, Prescription, StockMovement
from health.schedule import DueDose, due_doses


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


def prescriptions_between(children: QuerySet[Child] | list[Child], start: datetime.date, end: datetime.date):
    """Prescriptions of these children active at some point between the dates, with the child."""
    return (
        Prescription.objects.filter(child__in=children, start_date__lte=end)
        .exclude(end_date__lt=start)
        .exclude(stopped_on__lte=start)
        .select_related("child__home")
    )


def doses_between(children, start: datetime.datetime, end: datetime.datetime) -> QuerySet[Dose]:
    """Regular doses due, and "as needed" doses given, in [start, end)."""
    from django.db.models import Q

    return (
        Dose.objects.filter(child__in=children)
        .filter(Q(due_at__gte=start, due_at__lt=end) | Q(due_at__isnull=True, given_at__gte=start, given_at__lt=end))
        .select_related("recorded_by", "witness", "prescription", "effect_by")
    )


def chart(children, start: datetime.datetime, end: datetime.datetime) -> tuple[list[DueDose], list[Dose]]:
    """The regular doses due in [start, end) with their records, and the PRN doses given: three
    queries however many children, medicines and days."""
    prescriptions = list(prescriptions_between(children, start.date() - datetime.timedelta(days=1), end.date()))
    doses = list(doses_between(children, start, end))
    regular = due_doses([p for p in prescriptions if not p.as_needed], doses, start, end)
    return regular, [dose for dose in doses if dose.due_at is None]


@dataclass(frozen=True)
class Stock:
    prescription: Prescription
    expected: Decimal
    last_count: StockMovement | None
    # The difference between the last count and what the records said it should be.
    discrepancy: Decimal | None


def stock_for(prescriptions: list[Prescription]) -> dict[int, Stock]:
    """What should be in stock for each prescription: from its last count (or from nothing),
    plus received and carried forward, less returned and the doses given since. Two queries."""
    movements: dict[int, list[StockMovement]] = {}
    for movement in StockMovement.objects.filter(prescription__in=prescriptions).select_related("recorded_by"):
        movements.setdefault(movement.prescription_id, []).append(movement)
    given: dict[int, list[datetime.datetime]] = {}
    for prescription_id, when in Dose.objects.filter(
        prescription__in=prescriptions, outcome__in=[Dose.Outcome.GIVEN, Dose.Outcome.SELF_ADMINISTERED]
    ).values_list("prescription_id", "given_at"):
        given.setdefault(prescription_id, []).append(when)
    found = {}
    for prescription in prescriptions:
        balance, last_count, discrepancy = Decimal(0), None, None
        events = [(m.recorded_at, 0, m) for m in movements.get(prescription.pk, [])]
        events += [(when, 1, None) for when in given.get(prescription.pk, [])]
        for _, is_dose, movement in sorted(events, key=lambda e: (e[0], e[1])):
            if is_dose:
                balance -= prescription.units_per_dose
            elif movement.kind == StockMovement.Kind.COUNTED:
                discrepancy, balance, last_count = movement.quantity - balance, movement.quantity, movement
            elif movement.kind == StockMovement.Kind.RETURNED:
                balance -= movement.quantity
            else:
                balance += movement.quantity
        found[prescription.pk] = Stock(prescription, balance, last_count, discrepancy)
    return found
