"""Calendar months, written once: every app that counts in months uses these (DESIGN: time is
explicit; a month is represented by its first day). And the dates Hearth accepts at all."""

import calendar
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def month_start(day: datetime.date) -> datetime.date:
    """The first day of the day's month."""
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier, if negative), or that month's last day when it
    is shorter: 31 Aug + 6 months is 28 Feb (29 Feb in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_range(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month from `start`'s to `end`'s, both included."""
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def last_months(count: int, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(the first day of the month `count - 1` months before today's, today): the last `count`
    months, this one included."""
    return add_months(month_start(today), -(count - 1)), today


# Dates Hearth accepts anywhere: in forms, URLs and query strings. A year outside these is a typo
# (0002 for 2002) or a probe; years below 1000 broke date arithmetic and answered 500. One rule,
# installed on Django's own date form fields at start-up (`install_date_bounds`), so every form
# (model forms, formsets, filters, the admin) refuses such dates without opting in.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
DATE_OUT_OF_RANGE = "Enter a date between 1900 and 2100."

# A review, next session or due date further ahead than this is a typo (2062 for 2026): it would
# take the record off every overdue list for decades.
REVIEW_HORIZON_YEARS = 3
REVIEW_TOO_FAR_AHEAD = "Enter a date within three years from today: reviews are planned sooner than that."


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def within_bounds(value: datetime.date | datetime.datetime) -> bool:
    return EARLIEST_DATE <= _as_date(value) <= LATEST_DATE


def validate_within_bounds(value: datetime.date | datetime.datetime | None) -> None:
    if value is not None and not within_bounds(value):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def validate_review_date(value: datetime.date | None) -> None:
    """For review, next and due dates (model validators, so forms and services both apply it)."""
    if value is None:
        return
    horizon = add_months(timezone.localdate(), 12 * REVIEW_HORIZON_YEARS)
    if _as_date(value) > horizon:
        raise ValidationError(REVIEW_TOO_FAR_AHEAD, code="review_too_far_ahead")


def parse_date_within_bounds(text: str) -> datetime.date | None:
    """A YYYY-MM-DD query-string value, or None if it is mangled or outside the bounds."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if within_bounds(day) else None


def install_date_bounds() -> None:
    """Every date (and date-time) form field refuses dates outside the bounds, and so does every
    model date field when a service calls `full_clean()`: a system-wide default rather than a
    field class each form must remember (homes/apps.py calls this; tests/homes/test_date_bounds.py
    walks every form and model to prove it). Default validators are not part of a model field's
    migration state, so this adds no migrations. models.DateTimeField is a models.DateField."""
    for field_class in (forms.DateField, forms.DateTimeField, models.DateField):
        if validate_within_bounds not in field_class.default_validators:
            field_class.default_validators = [*field_class.default_validators, validate_within_bounds]
