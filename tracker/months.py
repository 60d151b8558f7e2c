"""Months are their first day (DESIGN: time is explicit). The arithmetic is homes.dates'; these
are the names the tracker reads best with."""

import datetime

from homes.dates import add_months, month_start, within_bounds

first_of = month_start


def next_month(month: datetime.date) -> datetime.date:
    return add_months(month_start(month), 1)


def previous_month(month: datetime.date) -> datetime.date:
    return add_months(month_start(month), -1)


def last_day(month: datetime.date) -> datetime.date:
    return next_month(month) - datetime.timedelta(days=1)


# The monthly meeting reviews a closed month; it is due by this day of the following month.
MEETING_DUE_DAY = 20


def meeting_due_by(month: datetime.date) -> datetime.date:
    return next_month(month).replace(day=MEETING_DUE_DAY)


class MonthConverter:
    """A month in URLs as YYYY-MM; views get the month's first day. Only months within the dates
    Hearth accepts anywhere (1900-2100, homes.dates) are found: others answer 404, not 500."""

    regex = r"[0-9]{4}-(0[1-9]|1[0-2])"

    def to_python(self, value: str) -> datetime.date:
        year, month = (int(part) for part in value.split("-"))
        first_day = datetime.date(year, month, 1) if year >= datetime.MINYEAR else None
        if first_day is None or not within_bounds(first_day):
            raise ValueError(value)  # the converter's way of saying "no such page"
        return first_day

    def to_url(self, value: datetime.date | str) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"
