"""Where body maps and missing episodes plug into the rest of Hearth (the child's record, the
chronology, the dashboard, the monthly tracker, the evidence pack): registered from
`SafeguardingConfig.ready()` through `register()`, so no other app imports this one."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from children import extensions as child_ext
from children.extensions import ChronologyEntry, ChronologySource, Older, dated
from children.models import Child
from homes import access
from homes.extensions import (
    EVERYONE,
    OVERSIGHT,
    DashboardPanel,
    Task,
    TaskSource,
    register_dashboard_panel,
    register_task_source,
)
from homes.models import Home, User
from safeguarding.models import BodyMap, MissingEpisode, ReturnInterview
from safeguarding.services.missing import interview_clock, missing_for

STREAM_CHUNK = 100


def body_maps_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(BodyMap.objects.filter(child=child, archived=False), "seen_at", start, end)


def _body_map_entries(child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None):
    maps = body_maps_between(child, start, end)
    if older:
        maps = older.filter(maps, "seen_at")
    maps = maps.select_related("author").annotate(mark_count=Count("marks")).order_by("-seen_at", "-pk")
    for body_map in maps.iterator(chunk_size=STREAM_CHUNK):
        count = body_map.mark_count
        yield ChronologyEntry(
            when=body_map.seen_at,
            kind="body_map",
            title=f"Body map: {count} mark{'' if count == 1 else 's'} ({body_map.get_context_display().lower()})",
            detail=body_map.notes,
            url=reverse("body_map_detail", args=[body_map.pk]),
            author=str(body_map.author),
            key=body_map.pk,
        )


def missing_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(MissingEpisode.objects.filter(child=child, archived=False), "noticed_missing_at", start, end)


def _missing_entries(child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None):
    episodes = missing_between(child, start, end)
    if older:
        episodes = older.filter(episodes, "noticed_missing_at")
    episodes = episodes.select_related("author").order_by("-noticed_missing_at", "-pk")
    for episode in episodes.iterator(chunk_size=STREAM_CHUNK):
        if episode.returned_at:
            how = episode.get_return_how_display().lower()
            back = f"back {timezone.localtime(episode.returned_at):%-d %b %H:%M} ({how})"
        else:
            back = "still missing"
        yield ChronologyEntry(
            when=episode.noticed_missing_at,
            kind="missing",
            title=f"Went missing (risk {episode.get_risk_level_display().lower()}), {back}",
            detail=episode.last_seen_details,
            url=reverse("missing_detail", args=[episode.pk]),
            author=str(episode.author),
            key=episode.pk,
        )


def interviews_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    interviews = ReturnInterview.objects.filter(episode__child=child, episode__archived=False)
    return dated(interviews, "offered_at", start, end)


def _interview_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    interviews = interviews_between(child, start, end)
    if older:
        interviews = older.filter(interviews, "offered_at")
    interviews = interviews.select_related("recorded_by").order_by("-offered_at", "-pk")
    for interview in interviews.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=interview.offered_at,
            kind="return_interview",
            title=f"Return home interview offered by {interview.interviewer_name}: "
            f"{interview.get_outcome_display().lower()}",
            detail=f"“{interview.child_account}”" if interview.child_account else interview.changes,
            url=reverse("missing_detail", args=[interview.episode_id]),
            author=str(interview.recorded_by),
            key=interview.pk,
        )


def missing_panel_context(user: User, homes: list[Home]) -> dict | None:
    """Children missing now, and returns whose interview has not been offered, with their clocks,
    in the person's homes: two queries. None when there are none."""
    episodes = list(
        access.missing_episodes_for(user)
        .filter(child__home__in=homes)
        .filter(Q(returned_at__isnull=True) | Q(return_interview__isnull=True))
        .select_related("child__home")
        .order_by("noticed_missing_at", "pk")
    )
    if not episodes:
        return None
    now = timezone.now()
    missing = [(episode, missing_for(episode, now)) for episode in episodes if episode.is_open]
    due = sorted(
        ((episode, interview_clock(episode, now)) for episode in episodes if not episode.is_open),
        key=lambda pair: pair[1].due,
    )
    return {"missing": missing, "interviews_due": due}


def _interview_tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    """Return home interviews to arrange, for the managers and deputies of the child's home: due
    72 hours after the return, until one is recorded."""
    episodes = (
        MissingEpisode.objects.filter(
            child__home__in=access.homes_run_by(user),
            archived=False,
            returned_at__isnull=False,
            return_interview__isnull=True,
        )
        .select_related("child")
        .order_by("returned_at", "pk")
    )
    for episode in episodes:
        due = timezone.localdate(episode.interview_due_at)
        if due <= until:
            yield _task("Offer the return home interview", episode, due, "return_interview", episode.interview_due_at)


def _task(kind: str, episode: MissingEpisode, due: datetime.date, url_name: str, due_at=None) -> Task:
    return Task(
        kind=kind,
        about=episode.child.preferred_name,
        due=due,
        url=reverse(url_name, args=[episode.pk]),
        home_id=episode.child.home_id,
        child_id=episode.child_id,
        due_at=due_at,
    )


def _to_close(user: User, homes) -> list[MissingEpisode]:
    """Returned episodes still waiting for a manager's review and signature in the homes the person
    runs, with their interviews (one query)."""
    return list(
        MissingEpisode.objects.filter(
            child__home__in=homes, archived=False, returned_at__isnull=False, closed_at__isnull=True
        )
        .select_related("child__home", "return_interview")
        .order_by("returned_at", "pk")
    )


def _ready_to_close(episode: MissingEpisode) -> bool:
    """The return home interview has happened or is recorded as not happening."""
    interview = getattr(episode, "return_interview", None)
    return interview is not None and interview.outcome != ReturnInterview.Outcome.OFFERED


def closing_panel_context(user: User, homes: list[Home]) -> dict | None:
    """Missing episodes to review, sign and close, for the managers and deputies of the child's
    home: two queries. None when they run none of these homes."""
    mine = [home for home in homes if access.runs_home(user, home)]
    if not mine:
        return None
    return {"rows": [(episode, _ready_to_close(episode)) for episode in _to_close(user, mine)]}


def _closing_tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    """Episodes whose return home interview is done, for the managers and deputies to close: due
    the day the interview's outcome was recorded."""
    for episode in _to_close(user, access.homes_run_by(user)):
        if not _ready_to_close(episode):
            continue  # the interview's own task, or its update, comes first
        interview = episode.return_interview
        due = timezone.localdate(interview.revised_at or interview.recorded_at)
        if due <= until:
            yield _task("Review and close the missing episode", episode, due, "missing_detail")


def register() -> None:
    from auditlog.registry import auditlog

    from safeguarding.models import BodyMark

    auditlog.register(BodyMap, exclude_fields=["id"])
    auditlog.register(BodyMark, exclude_fields=["id"])
    from homes.concurrency import Revisioned
    from safeguarding.models import MissingUpdate

    guard = list(Revisioned.REVISION_FIELDS)
    auditlog.register(MissingEpisode, exclude_fields=["id", *guard])
    auditlog.register(MissingUpdate, exclude_fields=["id"])
    auditlog.register(ReturnInterview, exclude_fields=["id", *guard])
    child_ext.register_child_section(
        child_ext.ChildSection(name="missing", label="Missing from care", url_name="missing_list", order=75)
    )
    child_ext.register_child_action(
        child_ext.ChildAction(
            name="missing",
            label="Record that they are missing",
            url_name="missing_add",
            allowed=access.can_record_missing,
            order=61,
        )
    )
    for kind, label, entries, between in (
        ("missing", "Missing from care", _missing_entries, missing_between),
        ("return_interview", "Return home interviews", _interview_entries, interviews_between),
    ):
        child_ext.register_chronology_source(
            ChronologySource(
                kind=kind,
                label=label,
                entries=entries,
                count=lambda *args, between=between: between(*args).count(),
                keyset=True,
            )
        )
    register_dashboard_panel(
        DashboardPanel(
            name="missing_from_care",
            template="safeguarding/missing/_dashboard_panel.html",
            context=missing_panel_context,
            order=2,
            # Everyone in the home: the shift on duty must know a child is missing.
            audience=EVERYONE,
        )
    )
    register_task_source(TaskSource(name="return-interviews", tasks=_interview_tasks))
    register_dashboard_panel(
        DashboardPanel(
            name="missing-to-close",
            template="safeguarding/missing/_closing_panel.html",
            context=closing_panel_context,
            order=17,
            audience=OVERSIGHT,
        )
    )
    register_task_source(TaskSource(name="missing-to-close", tasks=_closing_tasks))

    from homes.extensions import HELPED_AND_PROTECTED, EvidenceSection, register_evidence_section
    from safeguarding import missing_reports

    child_ext.register_month_section(
        child_ext.MonthSection(
            name="missing-and-body-maps",
            label="Missing from care and body maps",
            template="safeguarding/missing/_month_section.html",
            context=missing_reports.month_context,
            order=40,
        )
    )
    register_evidence_section(
        EvidenceSection(
            name="missing-from-care",
            files=missing_reports.evidence_files,
            label="Missing from care log and body maps",
            judgement=HELPED_AND_PROTECTED,
        )
    )

    child_ext.register_child_section(
        child_ext.ChildSection(name="body_maps", label="Body maps", url_name="body_map_list", order=76)
    )
    child_ext.register_child_action(
        child_ext.ChildAction(
            name="body_map",
            label="Record a body map",
            url_name="body_map_add",
            allowed=access.can_record_body_map,
            order=60,
        )
    )
    child_ext.register_chronology_source(
        ChronologySource(
            kind="body_map",
            label="Body maps",
            entries=_body_map_entries,
            count=lambda *args: body_maps_between(*args).count(),
            keyset=True,
        )
    )
