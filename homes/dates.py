"""Calendar months, written once: every app that counts in months uses these (DESIGN: time is
explicit; a month is represented by its first day)."""

import calendar
import datetime


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
