"""Ages, computed the way people say them: whole years, birthday inclusive."""

import datetime


def age_in_years(born: datetime.date, on: datetime.date) -> int:
    """Completed years on a date; negative if `on` is before the birth."""
    years = on.year - born.year
    if (on.month, on.day) < (born.month, born.day):
        years -= 1
    return years


def age_in_months(born: datetime.date, on: datetime.date) -> int:
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return months
