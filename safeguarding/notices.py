"""How consequences, complaints and Regulation 40 notifications plug into the rest of Hearth
(audit, admin, the child's record, the chronology, the monthly tracker, the evidence pack, the
dashboard and tasks). `register()` is called from SafeguardingConfig.ready()."""

import datetime

from django.contrib import admin
from django.urls import reverse

from children.extensions import ChronologyEntry, dated
from children.models import Child

STREAM_CHUNK = 200


def consequences_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    from safeguarding.models import Consequence

    return dated(Consequence.objects.filter(child=child, archived=False), "happened_at", start, end)


def consequence_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    consequences = consequences_between(child, start, end).select_related("author").order_by("-happened_at", "-pk")
    for item in consequences.iterator(chunk_size=STREAM_CHUNK):
        view = f" {child.preferred_name}'s view: “{item.child_view}”" if item.child_view else ""
        yield ChronologyEntry(
            when=item.happened_at,
            kind="consequence",
            title=f"Consequence: {item.get_kind_display()}",
            detail=f"{item.consequence}{view}",
            url=reverse("consequence_detail", args=[item.pk]),
            author=str(item.author),
        )


def consequence_month(child: Child, month: datetime.date) -> dict | None:
    """The month's consequences for the monthly tracker (page and both PDFs): how many, whether
    they helped, and each one's child's view. None when there were none."""
    from homes.dates import add_months

    end = add_months(month, 1) - datetime.timedelta(days=1)
    items = list(consequences_between(child, month, end).order_by("happened_at", "pk"))
    if not items:
        return None
    helped = {}
    for item in items:
        helped[item.get_helped_display()] = helped.get(item.get_helped_display(), 0) + 1
    return {"items": items, "helped": sorted(helped.items()), "child": child}


def register() -> None:
    from auditlog.registry import auditlog

    from children.extensions import (
        ChildAction,
        ChildSection,
        ChronologySource,
        MonthSection,
        register_child_action,
        register_child_section,
        register_chronology_source,
        register_month_section,
    )
    from homes import access
    from homes.admin import NoDeleteAdminMixin
    from homes.concurrency import Revisioned
    from safeguarding.models import Consequence, ProhibitedMeasure

    guard = list(Revisioned.REVISION_FIELDS)
    auditlog.register(Consequence, exclude_fields=["id", *guard])
    auditlog.register(ProhibitedMeasure, exclude_fields=["id"])

    class ProhibitedMeasureAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
        list_display = ("name", "regulation", "active")
        list_filter = ("active",)

    if not admin.site.is_registered(ProhibitedMeasure):
        admin.site.register(ProhibitedMeasure, ProhibitedMeasureAdmin)

    register_child_section(
        ChildSection(name="consequences", label="Consequences", url_name="consequence_list", order=75)
    )
    register_child_action(
        ChildAction(
            name="record-consequence",
            label="Record a consequence",
            url_name="consequence_add",
            allowed=access.can_record_consequence,
            order=60,
        )
    )
    register_chronology_source(
        ChronologySource(
            kind="consequence",
            label="Consequences",
            entries=consequence_entries,
            count=lambda child, start, end: consequences_between(child, start, end).count(),
        )
    )
    register_month_section(
        MonthSection(
            name="consequences",
            label="Consequences",
            template="safeguarding/consequences/_month.html",
            context=consequence_month,
            order=60,
        )
    )
