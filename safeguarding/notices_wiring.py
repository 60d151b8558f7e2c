"""The safeguarding records of the app's other slices (missing episodes and incidents) in the
notifications and Annex A: a notify source each (what a notification from the
record starts with, which Regulation 40 categories it may meet) and their Annex A rows."""

import datetime

from django.db.models import Count as Counted
from django.utils import timezone

from homes.models import Home, User
from safeguarding.annex_a import AnnexARow, Count, register_annex_a_row, register_exploitation_source
from safeguarding.notify_sources import NotifySource, Prefill, register_notify_source


def _between(field: str, start: datetime.date, end: datetime.date):
    from children.extensions import window

    return window(field, start, end, is_datetime=True)


# --- missing from care ---------------------------------------------------------------------------


def _episode_for(user: User, pk: int):
    from homes import access

    episodes = access.missing_episodes_for(user).select_related("child__home")
    return access.get_for_children(user, episodes, pk)


def _episode_prefill(episode) -> Prefill:
    """A missing episode meets a serious police incident when the risk was high, and may be
    sexual exploitation when signs of it were seen: the manager judges, the prompt only asks."""
    noticed = timezone.localtime(episode.noticed_missing_at)
    risk = episode.get_risk_level_display().lower()
    lines = [f"Noticed missing at {noticed:%H:%M} on {noticed:%-d %B %Y}; risk at the time {risk}."]
    if episode.police_told_at:
        lines.append(
            f"Police told at {timezone.localtime(episode.police_told_at):%H:%M}, reference {episode.police_reference}."
        )
    if episode.returned_at:
        back = timezone.localtime(episode.returned_at)
        lines.append(f"Came back at {back:%H:%M} on {back:%-d %B %Y} ({episode.get_return_how_display().lower()}).")
    categories = []
    if episode.risk_level == episode.RiskLevel.HIGH:
        categories.append("police-serious")
    if episode.exploitation_indicators:
        categories.append("sexual-exploitation")
    return Prefill(
        home=episode.child.home,
        child_id=episode.child_id,
        event_at=episode.noticed_missing_at,
        summary=" ".join(lines),
        categories=categories,
    )


def missing_episodes(home: Home, start: datetime.date, end: datetime.date) -> Count:
    from safeguarding.models import MissingEpisode

    totals = MissingEpisode.objects.filter(_between("noticed_missing_at", start, end), child__home=home).aggregate(
        number=Counted("pk"), children=Counted("child", distinct=True)
    )
    return Count(totals["number"], totals["children"])


def children_missing_with_exploitation_signs(home: Home, start: datetime.date, end: datetime.date) -> set[int]:
    from safeguarding.models import MissingEpisode

    episodes = MissingEpisode.objects.filter(_between("noticed_missing_at", start, end), child__home=home)
    return set(episodes.exclude(exploitation_indicators=[]).values_list("child_id", flat=True))


# --- incidents -----------------------------------------------------------------------------------

# Which Regulation 40 categories an incident's own categories may meet (names as seeded by
# safeguarding 0006; an allegation by its rule): the manager judges, the prompt only asks.
INCIDENT_NOTIFIES = {"Police called": "police-serious", "Exploitation concern": "sexual-exploitation"}


def _incident_for(user: User, pk: int):
    from homes import access

    return access.get_incident_for(user, pk)


def _incident_prefill(incident) -> Prefill:
    """Facts only: when, where, what kind, how many children (a notification names its child
    itself); nothing of what staff wrote about the child."""
    from safeguarding.models import IncidentCategory

    at = timezone.localtime(incident.occurred_at)
    categories = list(incident.categories.all())
    children = [part.child_id for part in incident.parts.all()]
    kinds = ", ".join(category.name.lower() for category in categories)
    codes = [INCIDENT_NOTIFIES[c.name] for c in categories if c.name in INCIDENT_NOTIFIES]
    if any(c.rule == IncidentCategory.Rule.ALLEGATION for c in categories):
        codes.append("allegation")
    return Prefill(
        home=incident.home,
        child_id=children[0] if len(children) == 1 else None,
        event_at=incident.occurred_at,
        summary=f"An incident ({kinds}) at {at:%H:%M} on {at:%-d %B %Y}, {incident.location}, "
        f"involving {len(children)} child{'ren' if len(children) != 1 else ''}.",
        categories=codes,
    )


def restraint(home: Home, start: datetime.date, end: datetime.date) -> Count:
    """Annex A: incidents of restraint (each physical intervention) and the children involved."""
    from safeguarding.models import PhysicalIntervention

    totals = PhysicalIntervention.objects.filter(_between("started_at", start, end), incident__home=home).aggregate(
        number=Counted("pk"), children=Counted("child", distinct=True)
    )
    return Count(totals["number"], totals["children"])


def children_in_exploitation_incidents(home: Home, start: datetime.date, end: datetime.date) -> set[int]:
    from safeguarding.models import IncidentChild

    parts = IncidentChild.objects.filter(
        _between("incident__occurred_at", start, end),
        incident__home=home,
        incident__categories__name=next(
            name for name, code in INCIDENT_NOTIFIES.items() if code == "sexual-exploitation"
        ),
    )
    return set(parts.values_list("child_id", flat=True))


def register() -> None:
    from safeguarding.models import Incident, MissingEpisode

    register_notify_source(NotifySource(Incident, _incident_for, _incident_prefill))
    register_annex_a_row(AnnexARow("restraint", "Incidents of restraint", restraint, order=30))
    register_exploitation_source("incidents", children_in_exploitation_incidents)
    register_notify_source(NotifySource(MissingEpisode, _episode_for, _episode_prefill))
    register_annex_a_row(AnnexARow("missing", "Missing episodes", missing_episodes, order=40))
    register_exploitation_source("missing", children_missing_with_exploitation_signs)
