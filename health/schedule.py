"""When doses are due, and where each due dose stands: recorded, due now, missed or later.

A dose may be given from an hour before its time to an hour after (the usual MAR window); an
unrecorded dose more than an hour past its time is missed. Pure functions over rows already
loaded, so a page of any number of children costs the same queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from health.models import Dose, Prescription

EARLY = datetime.timedelta(hours=1)
GRACE = datetime.timedelta(hours=1)

RECORDED, DUE, MISSED, LATER = "recorded", "due", "missed", "later"


def due_at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def due_times(prescription: Prescription, day: datetime.date) -> list[datetime.datetime]:
    """The moments a regular medicine is due on `day` (none if it is not active that day)."""
    if prescription.as_needed or not prescription.active_on(day):
        return []
    return [due_at(day, time) for time in prescription.time_list]


@dataclass(frozen=True)
class DueDose:
    prescription: Prescription
    due_at: datetime.datetime
    dose: Dose | None

    def status(self, now: datetime.datetime) -> str:
        if self.dose is not None:
            return RECORDED
        if now < self.due_at - EARLY:
            return LATER
        if now <= self.due_at + GRACE:
            return DUE
        return MISSED

    @property
    def child(self):
        return self.prescription.child


def days_between(start: datetime.datetime, end: datetime.datetime) -> list[datetime.date]:
    first, last = timezone.localdate(start), timezone.localdate(end)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def due_doses(
    prescriptions: Iterable[Prescription],
    doses: Iterable[Dose],
    start: datetime.datetime,
    end: datetime.datetime,
) -> list[DueDose]:
    """Every regular dose due in [start, end), with its record if there is one, in time order."""
    recorded = {(dose.prescription_id, dose.due_at): dose for dose in doses if dose.due_at is not None}
    found = []
    prescriptions = list(prescriptions)
    for day in days_between(start, end):
        for prescription in prescriptions:
            for moment in due_times(prescription, day):
                if start <= moment < end:
                    found.append(DueDose(prescription, moment, recorded.get((prescription.pk, moment))))
    return sorted(found, key=lambda d: (d.due_at, d.prescription.child_id, d.prescription.medicine))


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return due_at(day, datetime.time.min), due_at(day + datetime.timedelta(days=1), datetime.time.min)
