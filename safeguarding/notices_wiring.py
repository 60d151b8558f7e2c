"""The safeguarding records of the app's other slices (missing episodes; incidents once they
are here) in the notifications and Annex A: a notify source each (what a notification from the
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


def register() -> None:
    from safeguarding.models import MissingEpisode

    register_notify_source(NotifySource(MissingEpisode, _episode_for, _episode_prefill))
    register_annex_a_row(AnnexARow("missing", "Missing episodes", missing_episodes, order=40))
    register_exploitation_source("missing", children_missing_with_exploitation_signs)
