"""Setting a home's shift pattern."""

import datetime

from django.db import transaction
from django.utils import timezone

from homes.concurrency import revision_claim
from homes.models import Home, User
from shifts.models import ShiftPattern
from shifts.models.shift import shift_on

# What a home starts from, if its manager wants: the usual pattern of a small children's home.
USUAL_PATTERN = (
    ("Early", datetime.time(7, 0), datetime.time(15, 0), False),
    ("Late", datetime.time(14, 30), datetime.time(22, 30), False),
    ("Waking night", datetime.time(22, 0), datetime.time(7, 30), True),
)
PATTERN_ALREADY_SET = "This home already has shifts: change them one by one."


@transaction.atomic
def shift_pattern_add(*, home: Home, user: User | None = None, **fields) -> ShiftPattern:
    pattern = ShiftPattern(home=home, **fields)
    pattern.name = pattern.name.strip()
    revision_claim(pattern, revision=None, user=user)
    pattern.full_clean()
    pattern.save()
    return pattern


@transaction.atomic
def shift_pattern_update(
    *, pattern: ShiftPattern, user: User | None = None, revision: int | None = None, **fields
) -> ShiftPattern:
    """Change a shift read at `revision` (raises concurrency.StaleEdit if someone saved it since)."""
    revision_claim(pattern, revision=revision, user=user)
    for name, value in fields.items():
        setattr(pattern, name, value)
    pattern.name = pattern.name.strip()
    pattern.full_clean()
    pattern.save()
    return pattern


@transaction.atomic
def shift_pattern_start_usual(*, home: Home, user: User | None = None) -> list[ShiftPattern]:
    """Early, late and waking night, for a home that has no shifts yet."""
    from django.core.exceptions import ValidationError

    if ShiftPattern.objects.select_for_update().filter(home=home).exists():
        raise ValidationError(PATTERN_ALREADY_SET)
    return [
        shift_pattern_add(home=home, user=user, name=name, starts_at=start, ends_at=end, is_night=night)
        for name, start, end, night in USUAL_PATTERN
    ]


def current_shift(home: Home, now: datetime.datetime | None = None) -> tuple[ShiftPattern, datetime.date] | None:
    """The home's shift running now and the date it started, or None (no shifts set, or a gap)."""
    return shift_on(list(home.shift_patterns.filter(active=True)), now or timezone.now())
