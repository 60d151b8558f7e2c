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
