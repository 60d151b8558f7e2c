"""Staff starters, leavers and turnover per year for a home (issue 12): from the start and end
dates of its memberships. Research with therapeutic carers finds turnover a risk to the care
itself, and Ofsted's Annex A asks for the home's staff changes.

The care team counts: managers, deputies and care staff — not visiting clinical assessors."""

import datetime
from dataclasses import dataclass

from homes.models import Home, Membership

# How many years the home's page shows, this one (so far) and those before.
YEARS_SHOWN = 3


@dataclass(frozen=True)
class StaffYear:
    year: int
    start: datetime.date
    end: datetime.date  # today for the year in progress
    starters: int
    leavers: int
    headcount_at_start: int
    headcount_at_end: int

    @property
    def average_headcount(self) -> float:
        return (self.headcount_at_start + self.headcount_at_end) / 2

    @property
    def turnover(self) -> float | None:
        """Leavers over the average headcount, as a percentage; None with no one to count."""
        if not self.average_headcount:
            return None
        return 100 * self.leavers / self.average_headcount


def care_team_spans(home: Home) -> list[tuple[datetime.date, datetime.date | None]]:
    rows = Membership.all_objects.filter(home=home, role__in=Membership.KEY_WORKER_ROLES)
    return list(rows.values_list("started_on", "ended_on"))


def _in_post(spans, day: datetime.date) -> int:
    """In post at the end of `day`: started on or before it and not left by the next day."""
    return sum(1 for started, ended in spans if started <= day and (ended is None or ended > day))


def staff_changes(home: Home, start: datetime.date, end: datetime.date, spans=None) -> StaffYear:
    """Starters and leavers dated in the period (both days included), and the headcount either
    side of it. One query (or none, given the home's spans)."""
    spans = care_team_spans(home) if spans is None else spans
    return StaffYear(
        year=start.year,
        start=start,
        end=end,
        starters=sum(1 for started, _ in spans if start <= started <= end),
        leavers=sum(1 for _, ended in spans if ended is not None and start <= ended <= end),
        headcount_at_start=_in_post(spans, start - datetime.timedelta(days=1)),
        headcount_at_end=_in_post(spans, end),
    )


def staff_years(home: Home, today: datetime.date, count: int = YEARS_SHOWN) -> list[StaffYear]:
    """Each calendar year, the latest (so far) first, in one query."""
    spans = care_team_spans(home)
    years = []
    for year in range(today.year, today.year - count, -1):
        start, end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
        years.append(staff_changes(home, start, end, spans))
    return years
