"""Months are their first day (DESIGN: time is explicit)."""

import datetime


def first_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def last_day(month: datetime.date) -> datetime.date:
    return next_month(month) - datetime.timedelta(days=1)


# The monthly meeting reviews a closed month; it is due by this day of the following month.
MEETING_DUE_DAY = 20


def meeting_due_by(month: datetime.date) -> datetime.date:
    return next_month(month).replace(day=MEETING_DUE_DAY)
