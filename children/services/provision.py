"""Provision arrangements, their session register, and attendance rates by month."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from children.models import Child, ProvisionArrangement, ProvisionSession
from homes.concurrency import revision_claim
from homes.dates import add_months, month_start
from homes.models import User

Status = ProvisionSession.Status


@transaction.atomic
def provision_arrangement_create(*, child: Child, created_by: User, **fields) -> ProvisionArrangement:
    arrangement = ProvisionArrangement(child=child, created_by=created_by, **fields)
    arrangement.full_clean()
    arrangement.save()
    return arrangement


@transaction.atomic
def provision_arrangement_update(
    *, arrangement: ProvisionArrangement, user: User | None = None, revision: int | None = None, **fields
) -> ProvisionArrangement:
    """Change an arrangement read at `revision` (raises concurrency.StaleEdit if someone saved it since)."""
    revision_claim(arrangement, revision=revision, user=user)
    for name, value in fields.items():
        setattr(arrangement, name, value)
    arrangement.full_clean()
    arrangement.save()
    return arrangement


@transaction.atomic
def provision_session_record(
    *, arrangement: ProvisionArrangement, recorded_by: User, date: datetime.date, status: str, note: str = ""
) -> tuple[ProvisionSession, bool]:
    """Fill in the register for a day. A day already in the register is corrected in place
    (the change history keeps what it said). Returns the session and whether it is new."""
    session = ProvisionSession.objects.filter(arrangement=arrangement, date=date).first()
    created = session is None
    if created:
        session = ProvisionSession(arrangement=arrangement, date=date)
    session.status = status
    session.note = note
    session.recorded_by = recorded_by
    session.full_clean()
    session.save()
    return session, created


# --- attendance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthAttendance:
    """One arrangement's register for one month.

    `rate` is attended / (sessions that could have happened): a session the provider
    cancelled is not the child's absence, so it is left out; one the home cancelled or the
    child missed counts as missed. `rate` is None when no session could have happened."""

    month: datetime.date  # the first day of the month
    attended: int = 0
    cancelled_by_provider: int = 0
    cancelled_by_home: int = 0
    did_not_attend: int = 0
    expected: int = 0  # roughly how many sessions the agreed frequency means in a month

    @property
    def recorded(self) -> int:
        return self.attended + self.cancelled_by_provider + self.cancelled_by_home + self.did_not_attend

    @property
    def possible(self) -> int:
        return self.attended + self.cancelled_by_home + self.did_not_attend

    @property
    def rate(self) -> float | None:
        return self.attended / self.possible if self.possible else None

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


@dataclass(frozen=True)
class ArrangementAttendance:
    arrangement: ProvisionArrangement
    months: list[MonthAttendance] = field(default_factory=list)  # oldest first

    @property
    def total(self) -> MonthAttendance:
        """All the months together (`month` is the first of them)."""
        return MonthAttendance(
            month=self.months[0].month if self.months else datetime.date.min,
            **{
                name: sum(getattr(m, name) for m in self.months)
                for name in ("attended", "cancelled_by_provider", "cancelled_by_home", "did_not_attend", "expected")
            },
        )


def attendance_by_month(
    child: Child, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> list[ArrangementAttendance]:
    """Attendance per month for each of the child's (non-archived) arrangements.

    Months run from `start` to `end` (any day in them; by default the twelve months up to and
    including this one), clipped to each arrangement's own start and end, so a month before
    an arrangement began is not shown as a month of missed sessions; a month inside it with
    nothing in the register appears with zero counts and rate None. Arrangements that do not
    overlap the months are left out. Two queries, however many arrangements and sessions.
    Returns a list of ArrangementAttendance (arrangement, months oldest first), arrangements
    in their usual order (type, newest start first)."""
    last = month_start(end or timezone.localdate())
    first = month_start(start) if start else add_months(last, -11)
    arrangements = list(child.provision_arrangements.filter(archived=False))
    counts = (
        ProvisionSession.objects.filter(
            arrangement__in=[a.pk for a in arrangements], date__gte=first, date__lt=add_months(last, 1)
        )
        .annotate(month=TruncMonth("date"))
        .values("arrangement_id", "month")
        .annotate(
            attended=Count("pk", filter=Q(status=Status.ATTENDED)),
            cancelled_by_provider=Count("pk", filter=Q(status=Status.CANCELLED_BY_PROVIDER)),
            cancelled_by_home=Count("pk", filter=Q(status=Status.CANCELLED_BY_HOME)),
            did_not_attend=Count("pk", filter=Q(status=Status.DID_NOT_ATTEND)),
        )
        .order_by()
    )
    by_key = {}
    for row in counts:
        month = row.pop("month")
        month = month.date() if isinstance(month, datetime.datetime) else month
        by_key[(row.pop("arrangement_id"), month)] = row
    result = []
    for arrangement in arrangements:
        month = max(first, month_start(arrangement.start_date))
        until = min(last, month_start(arrangement.end_date)) if arrangement.end_date else last
        months = []
        while month <= until:
            row = by_key.get((arrangement.pk, month), {})
            months.append(MonthAttendance(month=month, expected=arrangement.expected_per_month, **row))
            month = add_months(month, 1)
        if months:
            result.append(ArrangementAttendance(arrangement=arrangement, months=months))
    return result
