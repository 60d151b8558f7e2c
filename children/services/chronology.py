"""The child's chronology: every registered ChronologySource merged, newest first.

How a page is built without loading the whole history: each source yields its entries newest
first, streaming from one query (`QuerySet.iterator()`); `heapq.merge` interleaves the
streams and the page takes only the entries it shows (plus one, to know whether an older page
exists). Pages follow on by keyset, not by offset: the "Older" link carries the position of
the last entry shown (its moment, its source and its key) and each source continues just after
it, in its query (`Older.filter`), so page 200 costs what page 1 does. Entries at the same
moment are ordered by source (in the order they were registered), then by key, largest first;
so a page that stops in the middle of a tie loses and repeats nothing. There is no total page
count (counting would need every entry), and no "Newer" link (going back would need each source
read oldest first): "Newest" returns to the first page, the browser's Back to the one before.
"""

import datetime
import heapq
import math
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from dataclasses import replace as dataclasses_replace
from itertools import islice

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.urls import reverse

from children import extensions
from children.extensions import ChronologyEntry, ChronologySource, Older, dated, day_start, in_window
from children.models import Activity, Child, KeyWorkingSession, ProvisionSession

PAGE_SIZE = 30
STREAM_CHUNK = 100

OUT_OF_ORDER = "The chronology source {kind!r} must yield its entries newest first."
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class Position:
    """Where a page stopped: the last entry shown, as the "Older" link carries it."""

    when: datetime.datetime
    kind: str
    key: int

    def token(self) -> str:
        return f"{(self.when - EPOCH) // MICROSECOND}~{self.kind}~{self.key}"

    @classmethod
    def from_token(cls, token: str) -> "Position | None":
        """The position a link carries, or None for anything else (a mangled link shows the first page)."""
        parts = token.split("~")
        if len(parts) != 3 or parts[1] not in extensions.chronology_sources:
            return None
        try:
            when = EPOCH + int(parts[0]) * MICROSECOND
            key = int(parts[2])
        except (ValueError, OverflowError):
            return None
        return cls(when=when, kind=parts[1], key=key)

    def for_source(self, kind: str) -> Older:
        """Where one source continues. At the same moment, sources registered before this
        page's last one have shown all their entries, and those after it none."""
        order = list(extensions.chronology_sources)
        if kind == self.kind:
            return Older(when=self.when, key=self.key)
        return Older(when=self.when, key=-math.inf if order.index(kind) < order.index(self.kind) else math.inf)


@dataclass(frozen=True)
class ChronologyPage:
    entries: list[ChronologyEntry]
    number: int
    has_next: bool
    next_position: Position | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_token(self) -> str:
        return self.next_position.token() if self.next_position else ""


def _checked(kind: str, entries: Iterable[ChronologyEntry]) -> Iterator[ChronologyEntry]:
    """Pass the source's entries through, refusing loudly if they are not newest first (and, at
    the same moment, largest key first, each key once): merging an unordered source would
    silently misplace records, and a page could stop inside a tie it cannot resume."""
    previous = None
    try:
        for entry in entries:
            if previous is not None and (entry.when, entry.key) >= previous:
                raise ImproperlyConfigured(OUT_OF_ORDER.format(kind=kind))
            previous = (entry.when, entry.key)
            yield entry
    finally:
        if hasattr(entries, "close"):
            entries.close()  # the source's cursor with it, whoever still holds the source


def _numbered_ties(entries: Iterable[ChronologyEntry]) -> Iterator[ChronologyEntry]:
    """Keys for a source without its own: 0, -1, -2... among entries at the same moment, in the
    order the source yields them (sources must yield the same order each time)."""
    when, key = None, 0
    for entry in entries:
        key = key - 1 if entry.when == when else 0
        when = entry.when
        yield dataclasses_replace(entry, key=key)


def _stream(source: ChronologySource, child: Child, start, end, position: Position | None) -> Iterator[ChronologyEntry]:
    older = position.for_source(source.kind) if position else None
    if source.keyset:
        return _checked(source.kind, source.entries(child, start, end, older=older))
    entries = _checked(source.kind, _numbered_ties(source.entries(child, start, end)))
    if older is None:
        return entries
    return (entry for entry in entries if older.admits(entry.when, entry.key))


def chronology_page(
    child: Child,
    *,
    kinds: Iterable[str] | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    after: Position | None = None,
    number: int = 1,
    per_page: int = PAGE_SIZE,
) -> ChronologyPage:
    """One page of the child's timeline, of the chosen kinds (all by default), between the
    dates (inclusive; either may be None), continuing after `after` (the last entry of the
    previous page; None: the newest). `number` is only the page's label."""
    chosen = set(kinds) if kinds else set(extensions.chronology_sources)
    order = {kind: rank for rank, kind in enumerate(extensions.chronology_sources)}
    sources = [source for kind, source in extensions.chronology_sources.items() if kind in chosen]
    # On PostgreSQL, in a transaction: outside one (autocommit), Django declares each source's
    # `iterator()` cursor WITH HOLD, and PostgreSQL then reads the source's whole history into it
    # before the first row comes back; inside one, each cursor fetches only its first chunk
    # (issue 14). SQLite has no such cursors, and there a transaction would take the write lock.
    streaming = transaction.atomic(savepoint=False) if connection.vendor == "postgresql" else nullcontext()
    with streaming:
        streams = [_stream(source, child, start, end, after) for source in sources]
        try:
            merged = heapq.merge(*streams, key=lambda entry: (entry.when, -order[entry.kind], entry.key), reverse=True)
            window = list(islice(merged, per_page + 1))
        finally:
            # Each source's cursor goes now, inside the transaction, even if a source failed: not
            # when garbage-collected, by then perhaps inside another request's transaction, which
            # closing a cursor PostgreSQL has already dropped would abort.
            for stream in streams:
                stream.close()
    shown = window[:per_page]
    has_next = len(window) > per_page
    last = shown[-1] if has_next else None
    return ChronologyPage(
        entries=shown,
        number=max(number, 1) if after else 1,
        has_next=has_next,
        next_position=Position(when=last.when, kind=last.kind, key=last.key) if last else None,
    )


# --- this app's sources ----------------------------------------------------------------------


def _placement_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    """Admission and leaving come from the child's own record: no query at all."""
    events = []
    if child.discharge_date:
        events.append(
            ChronologyEntry(
                when=day_start(child.discharge_date),
                kind="placement",
                title=f"{child.preferred_name} left the home",
                detail=child.discharge_destination,
                key=1,
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
        if in_window(entry.when, start, end) and (older is None or older.admits(entry.when, entry.key)):
            yield entry


def key_working_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    """The child's key-working sessions (not archived) held between the dates, inclusive."""
    return dated(KeyWorkingSession.objects.filter(child=child, archived=False), "happened_at", start, end)


def _key_working_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    sessions = key_working_between(child, start, end)
    if older:
        sessions = older.filter(sessions, "happened_at")
    sessions = sessions.select_related("staff_member").order_by("-happened_at", "-pk")
    for session in sessions.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=session.happened_at,
            kind="key_working",
            title=f"Key working: {session.topic}",
            detail=f"“{session.child_voice}”",
            url=reverse("key_working_detail", args=[session.pk]),
            author=str(session.staff_member),
            key=session.pk,
        )


def _activities(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(Activity.objects.filter(child=child, archived=False), "date", start, end)


def _activity_entries(child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None):
    activities = _activities(child, start, end)
    if older:
        activities = older.filter(activities, "date")
    # A day's activities, latest recorded first: the pk grows with each one recorded.
    activities = activities.select_related("recorded_by").order_by("-date", "-pk")
    for activity in activities.iterator(chunk_size=STREAM_CHUNK):
        domain = f" · {activity.get_region_display()}" if activity.region else ""
        yield ChronologyEntry(
            when=day_start(activity.date),
            kind="activity",
            title=f"{activity.get_kind_display()} ({activity.duration_minutes} min){domain}",
            detail=activity.note,
            author=str(activity.recorded_by),
            key=activity.pk,
        )


def _provision(child: Child, start: datetime.date | None, end: datetime.date | None):
    sessions = ProvisionSession.objects.filter(arrangement__child=child, arrangement__archived=False)
    return dated(sessions, "date", start, end)


def _provision_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    sessions = _provision(child, start, end)
    if older:
        sessions = older.filter(sessions, "date")
    sessions = sessions.select_related("arrangement").order_by("-date", "-pk")
    for session in sessions.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=day_start(session.date),
            kind="provision",
            title=f"{session.arrangement}: {session.get_status_display().lower()}",
            detail=session.note,
            url=reverse("provision_arrangement", args=[session.arrangement_id]),
            key=session.pk,
        )


SOURCES = [
    ChronologySource(kind="placement", label="Admission and leaving", entries=_placement_entries, keyset=True),
    ChronologySource(
        kind="key_working",
        label="Key working",
        entries=_key_working_entries,
        keyset=True,
        count=lambda *args: key_working_between(*args).count(),
    ),
    ChronologySource(
        kind="activity",
        label="Daily care and enrichment",
        entries=_activity_entries,
        keyset=True,
        count=lambda *args: _activities(*args).count(),
    ),
    ChronologySource(
        kind="provision",
        label="Education and therapy sessions",
        entries=_provision_entries,
        keyset=True,
        count=lambda *args: _provision(*args).count(),
    ),
]
