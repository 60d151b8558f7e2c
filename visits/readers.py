"""What a visitor reads during a visit window, kind by kind, as plain tables: the rows come from
homes.access.visit_records (the one place that decides which records), each with the child it
concerns so the page logs the read. A kind whose app is not installed is simply not offered."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from children.models import Child


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y, H:i") if moment else ""


def _day(day) -> str:
    return date_format(day, "j M Y") if day else ""


@dataclass(frozen=True)
class Row:
    cells: list[str]
    children: list[Child]


@dataclass(frozen=True)
class Reader:
    kind: str
    label: str
    app: str
    columns: tuple[str, ...]
    prepare: Callable[[QuerySet], QuerySet]
    row: Callable[[object], Row]

    @property
    def url_name(self) -> str:
        return f"visit_{self.kind.replace('-', '_')}"

    @property
    def installed(self) -> bool:
        return apps.is_installed(self.app)


def _incidents(queryset: QuerySet) -> QuerySet:
    IncidentChild = apps.get_model("safeguarding", "IncidentChild")
    return (
        queryset.select_related("countersigned_by")
        .prefetch_related("categories", Prefetch("parts", queryset=IncidentChild.objects.select_related("child")))
        .order_by("-occurred_at", "-pk")
    )


def _incident_row(incident) -> Row:
    parts = list(incident.parts.all())
    return Row(
        cells=[
            _when(incident.occurred_at),
            ", ".join(category.name for category in incident.categories.all()),
            incident.location,
            "\n".join(f"{part.child.preferred_name}: {part.what_happened} Outcome: {part.outcome}" for part in parts),
            f"Countersigned by {incident.countersigned_by}" if incident.countersigned_at else "Not yet countersigned",
        ],
        children=[part.child for part in parts],
    )


def _intervention_row(hold) -> Row:
    return Row(
        cells=[
            _when(hold.started_at),
            hold.child.preferred_name,
            str(hold.technique or ""),
            f"{hold.duration_minutes} min",
            hold.reason,
            hold.tried_first,
            "Yes" if hold.necessary_and_proportionate else "No",
        ],
        children=[hold.child],
    )


def _missing_row(episode) -> Row:
    return Row(
        cells=[
            episode.child.preferred_name,
            _when(episode.noticed_missing_at),
            episode.get_risk_level_display(),
            _when(episode.returned_at) or "Not back yet",
            "Closed" if episode.closed_at else "Open",
        ],
        children=[episode.child],
    )


def _complaint_row(complaint) -> Row:
    return Row(
        cells=[
            _when(complaint.received_at),
            complaint.get_kind_display(),
            complaint.get_complainant_display(),
            complaint.in_their_words,
            complaint.action_taken,
            complaint.get_status_display(),
        ],
        children=[complaint.child] if complaint.child_id else [],
    )


def _consequence_row(consequence) -> Row:
    return Row(
        cells=[
            _when(consequence.happened_at),
            consequence.child.preferred_name,
            consequence.get_kind_display(),
            consequence.consequence,
            consequence.child_view,
            consequence.get_helped_display(),
        ],
        children=[consequence.child],
    )


def _daily_log_row(log) -> Row:
    return Row(
        cells=[
            _day(log.shift_date),
            log.shift.name,
            log.child.preferred_name,
            log.get_regulation_display(),
            log.mood,
            log.child_words,
        ],
        children=[log.child],
    )


READERS: dict[str, Reader] = {
    reader.kind: reader
    for reader in [
        Reader(
            "incidents",
            "Incidents",
            "safeguarding",
            ("When", "What kind", "Where", "What happened", "Countersigned"),
            _incidents,
            _incident_row,
        ),
        Reader(
            "interventions",
            "Physical interventions",
            "safeguarding",
            ("Started", "Child", "Technique", "How long", "Why", "What was tried first", "Necessary and proportionate"),
            lambda qs: qs.select_related("child", "technique").order_by("-started_at", "-pk"),
            _intervention_row,
        ),
        Reader(
            "missing",
            "Missing episodes",
            "safeguarding",
            ("Child", "Noticed missing", "Risk at the time", "Came back", "Episode"),
            lambda qs: qs.select_related("child").order_by("-noticed_missing_at", "-pk"),
            _missing_row,
        ),
        Reader(
            "complaints",
            "Complaints",
            "safeguarding",
            ("Made", "Kind", "Who complained", "In their words", "What was done", "Status"),
            lambda qs: qs.select_related("child").order_by("-received_at", "-pk"),
            _complaint_row,
        ),
        Reader(
            "consequences",
            "Consequences",
            "safeguarding",
            ("When", "Child", "Kind", "The consequence", "The child's view", "Did it help?"),
            lambda qs: qs.select_related("child").order_by("-happened_at", "-pk"),
            _consequence_row,
        ),
        Reader(
            "daily-logs",
            "Daily logs",
            "shifts",
            ("Date", "Shift", "Child", "Regulation", "Mood and regulation", "In the child's words"),
            lambda qs: qs.select_related("child", "shift").order_by("-shift_date", "-pk"),
            _daily_log_row,
        ),
    ]
}


def installed_readers() -> list[Reader]:
    return [reader for reader in READERS.values() if reader.installed]
