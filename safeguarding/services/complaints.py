"""Recording complaints and representations (Regulation 39) and handling them to an outcome."""

import datetime

from django.db import transaction
from django.utils import timezone

from homes.concurrency import revision_claim
from homes.models import Home, User
from safeguarding.models import Complaint
from safeguarding.models.complaints import RESPONSE_DAYS


def complaint_default_respond_by(received_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(received_at) + datetime.timedelta(days=RESPONSE_DAYS)


def _set(complaint: Complaint, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not a field this step may set: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(complaint, name, value)


@transaction.atomic
def complaint_record(*, home: Home, recorded_by: User, now: datetime.datetime | None = None, **fields) -> Complaint:
    complaint = Complaint(home=home, recorded_by=recorded_by, recorded_at=now or timezone.now())
    _set(complaint, fields, Complaint.RECORD_FIELDS)
    if complaint.respond_by is None and complaint.received_at:
        complaint.respond_by = complaint_default_respond_by(complaint.received_at)
    complaint.full_clean()
    complaint.save()
    return complaint


@transaction.atomic
def complaint_handle(
    *, complaint: Complaint, user: User, revision: int | None, now: datetime.datetime | None = None, **fields
) -> Complaint:
    """What was done, the outcome and whether the person was satisfied; closing needs both of
    the last two. Several managers may handle one complaint: a stale save raises StaleEdit."""
    revision_claim(complaint, revision=revision, user=user)
    _set(complaint, fields, Complaint.HANDLING_FIELDS)
    if complaint.status == Complaint.Status.CLOSED and complaint.closed_at is None:
        complaint.closed_at = now or timezone.now()
    elif complaint.status == Complaint.Status.OPEN:
        complaint.closed_at = None
    complaint.full_clean()
    complaint.save()
    return complaint
