"""The Annex A table Ofsted asks a home for before an inspection: for any period, admissions,
leavers, incidents of restraint and the children involved, missing episodes and the children
involved, children at risk of exploitation, complaints and notifications. Shown on a page,
downloaded as CSV and put in the evidence pack.

Each row counts one kind of record. Rows are registered (`register_annex_a_row`) by the module
that owns the records, so the table grows as the safeguarding records do, and a row whose
records the installation does not hold is simply absent rather than a made-up zero."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from homes.exports import csv_writer
from homes.extensions import AnnexALine, register_annex_a_table
from homes.models import Home


@dataclass(frozen=True)
class Count:
    number: int
    # How many different children the counted records involve (None: the row counts no children).
    children: int | None = None


@dataclass(frozen=True)
class AnnexARow:
    """`count(home, start, end)` counts the home's records dated in the period (both days
    included) in a constant number of queries."""

    name: str
    label: str
    count: Callable[[Home, datetime.date, datetime.date], Count]
    order: int = 100


annex_a_rows: dict[str, AnnexARow] = {}


def register_annex_a_row(row: AnnexARow) -> None:
    annex_a_rows[row.name] = row


def annex_a_table(home: Home, start: datetime.date, end: datetime.date) -> list[AnnexALine]:
    rows = sorted(annex_a_rows.values(), key=lambda row: row.order)
    lines = []
    for row in rows:
        counted = row.count(home, start, end)
        lines.append(AnnexALine(label=row.label, number=counted.number, children=counted.children))
    return lines


def annex_a_csv(home: Home, start: datetime.date, end: datetime.date) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)  # the home's name is typed by a person: neutralised against formulas
    writer.writerow(["Home", home.name, "Ofsted URN", home.ofsted_urn])
    writer.writerow(["Period", start.isoformat(), end.isoformat()])
    writer.writerow([])
    writer.writerow(["What", "How many", "Children involved"])
    for line in annex_a_table(home, start, end):
        writer.writerow([line.label, line.number, "" if line.children is None else line.children])
    return out.getvalue().encode("utf-8")


# --- the rows this module can count ------------------------------------------------------------


def _between(field: str, start: datetime.date, end: datetime.date) -> Q:
    from children.extensions import window

    return window(field, start, end, is_datetime=True)


def admissions(home: Home, start: datetime.date, end: datetime.date) -> Count:
    number = home.children.filter(archived=False, admission_date__gte=start, admission_date__lte=end).count()
    return Count(number)


def leavers(home: Home, start: datetime.date, end: datetime.date) -> Count:
    number = home.children.filter(archived=False, discharge_date__gte=start, discharge_date__lte=end).count()
    return Count(number)


def complaints(home: Home, start: datetime.date, end: datetime.date) -> Count:
    from django.db.models import Count as Counted

    from safeguarding.models import Complaint

    totals = Complaint.objects.filter(_between("received_at", start, end), home=home).aggregate(
        number=Counted("pk"), children=Counted("child", distinct=True)
    )
    return Count(totals["number"], totals["children"])


def notifications(home: Home, start: datetime.date, end: datetime.date) -> Count:
    from django.db.models import Count as Counted

    from safeguarding.models import Notification

    totals = Notification.objects.filter(_between("known_at", start, end), home=home).aggregate(
        number=Counted("pk"), children=Counted("child", distinct=True)
    )
    return Count(totals["number"], totals["children"])


# Sources of "at risk of exploitation" (a notification of sexual exploitation here; incidents
# and missing episodes add theirs): each returns the ids of the home's children so identified
# in the period, so a child found by two sources counts once.
exploitation_sources: dict[str, Callable[[Home, datetime.date, datetime.date], set[int]]] = {}


def register_exploitation_source(name: str, children: Callable[[Home, datetime.date, datetime.date], set[int]]) -> None:
    exploitation_sources[name] = children


def children_notified_as_exploited(home: Home, start: datetime.date, end: datetime.date) -> set[int]:
    from safeguarding.models import Notification

    rows = Notification.objects.filter(
        _between("event_at", start, end), home=home, category__code="sexual-exploitation", child__isnull=False
    )
    return set(rows.values_list("child_id", flat=True))


def at_risk_of_exploitation(home: Home, start: datetime.date, end: datetime.date) -> Count:
    found: set[int] = set()
    for source in exploitation_sources.values():
        found |= source(home, start, end)
    return Count(len(found), len(found))


def staff_starters(home: Home, start: datetime.date, end: datetime.date) -> Count:
    from homes.staffing import staff_changes

    return Count(staff_changes(home, start, end).starters)


def staff_leavers(home: Home, start: datetime.date, end: datetime.date) -> Count:
    from homes.staffing import staff_changes

    return Count(staff_changes(home, start, end).leavers)


def register() -> None:
    for row in (
        AnnexARow("admissions", "Admissions", admissions, order=10),
        AnnexARow("leavers", "Children who left", leavers, order=20),
        AnnexARow("exploitation", "Children at risk of exploitation", at_risk_of_exploitation, order=60),
        AnnexARow("complaints", "Complaints and representations", complaints, order=70),
        AnnexARow("notifications", "Regulation 40 notifications", notifications, order=80),
        # Annex A asks for the home's staff changes too: the memberships' start and end dates.
        AnnexARow("staff-starters", "Staff who started", staff_starters, order=90),
        AnnexARow("staff-leavers", "Staff who left", staff_leavers, order=91),
    ):
        register_annex_a_row(row)
    # The evidence pack's cover shows the same table (homes.extensions: the tracker never imports us).
    register_annex_a_table(annex_a_table)
    register_exploitation_source("notifications", children_notified_as_exploited)
