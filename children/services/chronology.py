"""The child's chronology: every registered ChronologySource merged, newest first.

How a page is built without loading the whole history: each source yields its entries newest
first, streaming from one query (`QuerySet.iterator()`); `heapq.merge` interleaves the
streams and the page takes only the entries it shows (plus one, to know whether an older page
exists). So a page costs one query per source, however long the history, and holds in
memory only the rows read up to the end of the page. Deep pages still read past the newer
entries (the filters by kind and date narrow that); there is no total page count, only
"newer" and "older" links, because counting would need every entry.
"""

import datetime
import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from children import extensions
from children.extensions import ChronologyEntry, ChronologySource, dated, day_start, in_window
from children.models import Activity, Child, KeyWorkingSession, ProvisionSession

PAGE_SIZE = 30
STREAM_CHUNK = 100

OUT_OF_ORDER = "The chronology source {kind!r} must yield its entries newest first."


@dataclass(frozen=True)
class ChronologyPage:
    entries: list[ChronologyEntry]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _checked(kind: str, entries: Iterable[ChronologyEntry]) -> Iterator[ChronologyEntry]:
    """Pass the source's entries through, refusing loudly if they are not newest first:
    merging an unordered source would silently misplace records."""
    previous = None
    for entry in entries:
        if previous is not None and entry.when > previous:
            raise ImproperlyConfigured(OUT_OF_ORDER.format(kind=kind))
        previous = entry.when
        yield entry


def chronology_page(
    child: Child,
    *,
    kinds: Iterable[str] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ChronologyPage:
    """One page of the child's timeline, of the chosen kinds (all by default), between the
    dates (inclusive; either may be None)."""
    chosen = set(kinds) if kinds else set(extensions.chronology_sources)
    sources = [source for kind, source in extensions.chronology_sources.items() if kind in chosen]
    streams = [_checked(source.kind, source.entries(child, start, end)) for source in sources]
    merged = heapq.merge(*streams, key=lambda entry: entry.when, reverse=True)
    page = max(page, 1)
    window = list(islice(merged, (page - 1) * per_page, page * per_page + 1))
    for stream in streams:
        stream.close()  # let each source's cursor go now, not when garbage-collected
    return ChronologyPage(entries=window[:per_page], number=page, has_next=len(window) > per_page)


# --- this app's sources ----------------------------------------------------------------------


def _placement_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    """Admission and leaving come from the child's own record: no query at all."""
    events = []
    if child.discharge_date:
        events.append(
            ChronologyEntry(
                when=day_start(child.discharge_date),
                kind="placement",
                title=f"{child.preferred_name} left the home",
                detail=child.discharge_destination,
            )
        )
    events.append(
        ChronologyEntry(
            when=day_start(child.admission_date),
            kind="placement",
            title=f"{child.preferred_name} came to live at {child.home.name}",
            detail=child.previous_address and f"Lived before at: {child.previous_address}",
        )
    )
    for entry in events:
        if in_window(entry.when, start, end):
            yield entry


def key_working_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    """The child's key-working sessions (not archived) held between the dates, inclusive."""
    return dated(KeyWorkingSession.objects.filter(child=child, archived=False), "happened_at", start, end)


def _key_working_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    sessions = key_working_between(child, start, end).select_related("staff_member").order_by("-happened_at", "-pk")
    for session in sessions.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=session.happened_at,
            kind="key_working",
            title=f"Key working: {session.topic}",
            detail=f"“{session.child_voice}”",
            url=reverse("key_working_detail", args=[session.pk]),
            author=str(session.staff_member),
        )


def _activities(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(Activity.objects.filter(child=child, archived=False), "date", start, end)


def _activity_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    activities = _activities(child, start, end).select_related("recorded_by").order_by("-date", "-recorded_at", "-pk")
    for activity in activities.iterator(chunk_size=STREAM_CHUNK):
        domain = f" · {activity.get_region_display()}" if activity.region else ""
        yield ChronologyEntry(
            when=day_start(activity.date),
            kind="activity",
            title=f"{activity.get_kind_display()} ({activity.duration_minutes} min){domain}",
            detail=activity.note,
            author=str(activity.recorded_by),
        )


def _provision(child: Child, start: datetime.date | None, end: datetime.date | None):
    sessions = ProvisionSession.objects.filter(arrangement__child=child, arrangement__archived=False)
    return dated(sessions, "date", start, end)


def _provision_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    sessions = _provision(child, start, end).select_related("arrangement").order_by("-date", "-pk")
    for session in sessions.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=day_start(session.date),
            kind="provision",
            title=f"{session.arrangement}: {session.get_status_display().lower()}",
            detail=session.note,
            url=reverse("provision_arrangement", args=[session.arrangement_id]),
        )


SOURCES = [
    ChronologySource(kind="placement", label="Admission and leaving", entries=_placement_entries),
    ChronologySource(
        kind="key_working",
        label="Key working",
        entries=_key_working_entries,
        count=lambda *args: key_working_between(*args).count(),
    ),
    ChronologySource(
        kind="activity",
        label="Daily care and enrichment",
        entries=_activity_entries,
        count=lambda *args: _activities(*args).count(),
    ),
    ChronologySource(
        kind="provision",
        label="Education and therapy sessions",
        entries=_provision_entries,
        count=lambda *args: _provision(*args).count(),
    ),
]
