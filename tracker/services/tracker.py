import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from children.models import Child
from homes.models import Home
from tracker.models import MonthlyTracker, ReviewMeeting
from tracker.months import first_of, last_day

TRACKER_LOCKED = (
    "This month's review has been signed by the manager and the assessor: the tracker can no longer change."
)
MONTH_NOT_FIRST_DAY = "A month is given by its first day."


def children_in_placement_during(month: datetime.date, *, home: Home | None = None) -> QuerySet[Child]:
    """Children who lived in a home for at least a day of the month (admitted before it ended,
    not discharged before it began)."""
    children = Child.objects.filter(archived=False, admission_date__lte=last_day(month)).filter(
        Q(discharge_date__isnull=True) | Q(discharge_date__gte=month)
    )
    return children.filter(home=home) if home is not None else children


def tracker_open(*, child: Child, month: datetime.date) -> tuple[MonthlyTracker, bool]:
    """The child's tracker for the month, opened if it was not yet. Safe to call concurrently:
    the unique constraint decides, and the loser reads the winner's row."""
    if month.day != 1:
        raise ValidationError(MONTH_NOT_FIRST_DAY)
    existing = MonthlyTracker.objects.filter(child=child, month=month).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            tracker = MonthlyTracker(child=child, month=month)
            tracker.full_clean(validate_constraints=False)
            tracker.save()
            return tracker, True
    except IntegrityError:
        return MonthlyTracker.objects.get(child=child, month=month), False


def tracker_open_month(*, month: datetime.date, home: Home | None = None) -> int:
    """Open the month's tracker for every child in placement during it (in one home, or all).
    Idempotent: returns how many were opened by this call."""
    month = first_of(month)
    opened = 0
    have = set(MonthlyTracker.objects.filter(month=month).values_list("child_id", flat=True))
    for child in children_in_placement_during(month, home=home).exclude(pk__in=have):
        _, created = tracker_open(child=child, month=month)
        opened += created
    return opened


def require_unlocked(tracker: MonthlyTracker) -> None:
    if tracker.is_locked:
        raise ValidationError(TRACKER_LOCKED)


@transaction.atomic
def tracker_update(*, tracker: MonthlyTracker, **entered: str) -> MonthlyTracker:
    """Save what was entered at the review. What has changed was not what was signed, so any
    signature already given is cleared."""
    tracker = MonthlyTracker.objects.select_for_update().get(pk=tracker.pk)
    require_unlocked(tracker)
    changed = False
    for field, value in entered.items():
        if field not in MonthlyTracker.ENTERED_FIELDS:
            raise TypeError(f"{field} is not entered at the review")
        changed |= getattr(tracker, field) != value
        setattr(tracker, field, value)
    if not changed:
        return tracker
    tracker.full_clean(validate_constraints=False)
    tracker.save()
    meeting_clear_signatures(tracker=tracker)
    return tracker


def meeting_clear_signatures(*, tracker: MonthlyTracker) -> None:
    """Signatures are given to a record as it stood; once it changes they must be given again."""
    ReviewMeeting.objects.filter(tracker=tracker).update(manager_signed_at=None, assessor_signed_at=None)
