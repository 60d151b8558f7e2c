"""Where body maps and missing episodes plug into the rest of Hearth (the child's record, the
chronology, the dashboard, the monthly tracker, the evidence pack): registered from
`SafeguardingConfig.ready()` through `register()`, so no other app imports this one."""

import datetime

from django.db.models import Count
from django.urls import reverse

from children import extensions as child_ext
from children.extensions import ChronologyEntry, ChronologySource, dated
from children.models import Child
from homes import access
from safeguarding.models import BodyMap

STREAM_CHUNK = 100


def body_maps_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    return dated(BodyMap.objects.filter(child=child, archived=False), "seen_at", start, end)


def _body_map_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    maps = (
        body_maps_between(child, start, end)
        .select_related("author")
        .annotate(mark_count=Count("marks"))
        .order_by("-seen_at", "-pk")
    )
    for body_map in maps.iterator(chunk_size=STREAM_CHUNK):
        count = body_map.mark_count
        yield ChronologyEntry(
            when=body_map.seen_at,
            kind="body_map",
            title=f"Body map: {count} mark{'' if count == 1 else 's'} ({body_map.get_context_display().lower()})",
            detail=body_map.notes,
            url=reverse("body_map_detail", args=[body_map.pk]),
            author=str(body_map.author),
        )


def register() -> None:
    from auditlog.registry import auditlog

    from safeguarding.models import BodyMark

    auditlog.register(BodyMap, exclude_fields=["id"])
    auditlog.register(BodyMark, exclude_fields=["id"])

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
        )
    )
