"""The daily log in the child's chronology (children.extensions.ChronologySource)."""

import datetime

from django.urls import reverse

from children.extensions import ChronologyEntry, ChronologySource, dated
from children.models import Child
from shifts.models import DailyLog

STREAM_CHUNK = 100


def _logs(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(DailyLog.objects.filter(child=child, archived=False), "shift_date", start, end)


def _entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    # Newest first by the moment each shift started (its date, then its start time).
    logs = (
        _logs(child, start, end).select_related("shift", "author").order_by("-shift_date", "-shift__starts_at", "-pk")
    )
    for log in logs.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=log.shift.window(log.shift_date)[0],
            kind="daily_log",
            title=f"Daily log, {log.shift.name} shift: {log.get_regulation_display()}",
            detail=f"“{log.child_words}”" if log.child_words else log.mood,
            url=reverse("daily_log_detail", args=[log.pk]),
            author=str(log.author),
            key=log.pk,
        )


SOURCE = ChronologySource(
    kind="daily_log", label="Daily log", entries=_entries, count=lambda *args: _logs(*args).count()
)
