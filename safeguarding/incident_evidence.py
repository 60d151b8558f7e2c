"""The incident and intervention log for a home and a period: a CSV and a PDF for the inspector's
evidence pack (homes.extensions.EvidenceSection), and the same CSV from the home's incident list.

Facts, not accounts: when, where, what kind, the children involved (by preferred name), staff
involved, the Regulation 35 clocks and the manager's countersignature; the holds with technique,
duration, who held and whether they were necessary and proportionate. The children's accounts stay
in their records. An allegation against staff is listed as an allegation, without naming the person
it is about."""

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from children.extensions import window
from homes.exports import csv_writer
from homes.models import Home
from homes.pdf import html_to_pdf
from safeguarding.models import Incident, IncidentChild, PhysicalIntervention


@dataclass(frozen=True)
class LogRow:
    incident: Incident
    children: list[str]
    categories: list[str]
    staff: list[str]
    holds: list[PhysicalIntervention]


@dataclass(frozen=True)
class IncidentLog:
    home: Home
    start: datetime.date
    end: datetime.date
    rows: list[LogRow]

    @property
    def holds(self) -> list[PhysicalIntervention]:
        return [hold for row in self.rows for hold in row.holds]

    @property
    def hold_minutes(self) -> int:
        return sum(hold.duration_minutes for hold in self.holds)

    @property
    def children_held(self) -> int:
        return len({hold.child_id for hold in self.holds})


def incident_log(home: Home, start: datetime.date, end: datetime.date) -> IncidentLog:
    """The home's incidents between the dates (inclusive), oldest first, in a constant number of queries."""
    incidents = (
        Incident.objects.filter(home=home)
        .filter(window("occurred_at", start, end, is_datetime=True))
        .select_related("countersigned_by", "author")
        .prefetch_related(
            "categories",
            "staff_involved",
            Prefetch("parts", queryset=IncidentChild.objects.select_related("child")),
            Prefetch(
                "interventions",
                queryset=PhysicalIntervention.objects.select_related("child", "technique").prefetch_related("held_by"),
            ),
        )
        .order_by("occurred_at", "pk")
    )
    rows = [
        LogRow(
            incident=incident,
            children=[part.child.preferred_name for part in incident.parts.all()],
            categories=[category.name for category in incident.categories.all()],
            staff=[person.full_name for person in incident.staff_involved.all()],
            holds=list(incident.interventions.all()),
        )
        for incident in incidents
    ]
    return IncidentLog(home=home, start=start, end=end, rows=rows)


def _when(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""


def log_csv(log: IncidentLog) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([f"Incident and intervention log: {log.home.name}", f"{log.start:%d/%m/%Y} to {log.end:%d/%m/%Y}"])
    writer.writerow([])
    writer.writerow(
        [
            "Date and time",
            "Where",
            "Kind",
            "Children involved",
            "Staff involved",
            "Recorded by",
            "Countersigned by",
            "Countersigned at",
        ]
    )
    for row in log.rows:
        writer.writerow(
            [
                _when(row.incident.occurred_at),
                row.incident.location,
                "; ".join(row.categories),
                "; ".join(row.children),
                "; ".join(row.staff),
                str(row.incident.author),
                str(row.incident.countersigned_by or ""),
                _when(row.incident.countersigned_at),
            ]
        )
    writer.writerow([])
    writer.writerow(
        [
            "Physical interventions",
            "Child",
            "Technique",
            "Started",
            "Ended",
            "Minutes",
            "Who held",
            "Recorded at",
            "Recorded within 24 hours",
            "Necessary and proportionate",
            "Manager spoke with staff and child, and signed",
        ]
    )
    for row in log.rows:
        for hold in row.holds:
            reviewed = row.incident.countersigned_at
            writer.writerow(
                [
                    "",
                    hold.child.preferred_name,
                    hold.technique.name,
                    _when(hold.started_at),
                    _when(hold.ended_at),
                    hold.duration_minutes,
                    "; ".join(person.full_name for person in hold.held_by.all()),
                    _when(hold.recorded_at),
                    "no" if hold.recorded_late else "yes",
                    "yes" if hold.necessary_and_proportionate else "no",
                    _when(reviewed) + (" (after 48 hours)" if reviewed and reviewed > hold.review_due else ""),
                ]
            )
    return out.getvalue().encode("utf-8-sig")


def log_pdf(log: IncidentLog) -> bytes:
    html = render_to_string("safeguarding/incidents/pdf/log.html", {"log": log, "generated_at": timezone.now()})
    return html_to_pdf(html)


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    log = incident_log(home, start, end)
    yield "incident-and-intervention-log.csv", log_csv(log)
    yield "incident-and-intervention-log.pdf", log_pdf(log)
