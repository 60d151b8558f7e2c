"""Dashboard panels and evidence-pack sections from later apps (overdue assessments, plans,
supervision...), registered in their `AppConfig.ready()` so that `homes` never imports them."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from homes.models import Home, User


@dataclass(frozen=True)
class DashboardPanel:
    """`context(user, homes)` gets the homes the person sees on the dashboard and returns the
    template's context, or None to leave the panel out. A constant number of queries, always."""

    name: str
    template: str
    context: Callable[["User", list["Home"]], dict | None]
    order: int = 100


dashboard_panels: dict[str, DashboardPanel] = {}


def register_dashboard_panel(panel: DashboardPanel) -> None:
    dashboard_panels[panel.name] = panel


def panels_for(user: "User", homes: list["Home"]) -> list[tuple[DashboardPanel, dict]]:
    shown = []
    for panel in sorted(dashboard_panels.values(), key=lambda p: p.order):
        context = panel.context(user, homes)
        if context is not None:
            shown.append((panel, context))
    return shown


@dataclass(frozen=True)
class EvidenceSection:
    """Files an app contributes to a home's evidence pack for inspectors (the supervision
    compliance summary, say): `files(home, start, end)` yields (file name, content) pairs.
    It runs in a Celery worker, and must put nothing confidential in the pack."""

    name: str
    files: Callable[["Home", datetime.date, datetime.date], Iterable[tuple[str, bytes]]]


evidence_sections: dict[str, EvidenceSection] = {}


def register_evidence_section(section: EvidenceSection) -> None:
    evidence_sections[section.name] = section


@dataclass(frozen=True)
class QueueCounts:
    """Where the rows a queue's workers build stand (for the administrators' status page)."""

    queued: int
    building: int
    failed: int
    # Queued rows the broker refused: they are sent again once it is back.
    awaiting_builder: int
    oldest_queued_at: datetime.datetime | None


@dataclass(frozen=True)
class BackgroundQueue:
    """Work that Celery workers do from rows (review PDFs, evidence packs): `counts()` says how
    much is waiting, in a constant number of queries."""

    name: str
    counts: Callable[[], QueueCounts]


background_queues: dict[str, BackgroundQueue] = {}


def register_background_queue(queue: BackgroundQueue) -> None:
    background_queues[queue.name] = queue
