"""Where documents and the memory box show on the child's record: the overview's gallery, the
chronology, the monthly tracker's "good things this month" (all through children.extensions)."""

import datetime

from django.db.models import Count
from django.urls import reverse

from children.extensions import ChronologyEntry, Older, dated, day_start
from children.models import Child
from homes import access
from homes.dates import add_months
from homes.models import User
from records.models import Document

# The overview shows the newest few; the memory box page shows them all.
PANEL_ITEMS = 6
STREAM_CHUNK = 200
MONTH_ITEMS_LISTED = 12


def memory_box_panel(user: User, child: Child) -> dict:
    """The newest things in the child's memory box: two queries, however many there are."""
    items = access.documents_for(user, child).memory_box()
    return {
        "child": child,
        "items": list(items[:PANEL_ITEMS]),
        "total": items.count(),
        "can_add": access.can_add_documents(user, child),
    }


def _in_chronology(child: Child, start: datetime.date | None, end: datetime.date | None):
    # Sensitive documents are left out: the chronology is read by everyone who reads the child,
    # and its sources are not told who is reading.
    return dated(Document.objects.current().filter(child=child, sensitive=False), "dated", start, end)


def chronology_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    documents = _in_chronology(child, start, end)
    if older:
        documents = older.filter(documents, "dated")
    # A day's documents, latest added first: the pk grows with each one added (keyset paging).
    documents = documents.select_related("added_by").order_by("-dated", "-pk")
    for document in documents.iterator(chunk_size=STREAM_CHUNK):
        where = "Memory box" if document.in_memory_box else "Document"
        yield ChronologyEntry(
            when=day_start(document.dated),
            kind="document",
            title=f"{where}: {document.title} ({document.get_kind_display().lower()})",
            detail=document.description,
            url=reverse("document_detail", args=[document.pk]),
            author=str(document.added_by),
            key=document.pk,
        )


def chronology_count(child: Child, start: datetime.date | None, end: datetime.date | None) -> int:
    return _in_chronology(child, start, end).count()


def good_things_this_month(child: Child, month: datetime.date) -> dict:
    """The month's memory box (dated in the month): how many, by kind, and their titles. Two
    queries. Shown even when there are none: a month with no good thing recorded is worth
    noticing in the review."""
    items = Document.objects.memory_box().filter(child=child, dated__gte=month, dated__lt=add_months(month, 1))
    by_kind = dict(items.values_list("kind").annotate(count=Count("pk")).order_by())
    labels = dict(Document.Kind.choices)
    listed = list(items.order_by("dated", "pk")[:MONTH_ITEMS_LISTED])
    return {
        "child": child,
        "total": sum(by_kind.values()),
        "by_kind": [(labels[kind], count) for kind, count in sorted(by_kind.items(), key=lambda pair: -pair[1])],
        "items": listed,
        "more": max(0, sum(by_kind.values()) - len(listed)),
    }


def moving_on_panel(user: User, child: Child) -> dict | None:
    """On the page of a child who has left: their moving-on pack, for the home's managers."""
    from records.models import OwnCopy

    if child.discharge_date is None or not access.can_make_own_copy(user, child):
        return None
    return {"child": child, "row": OwnCopy.objects.filter(child=child, kind=OwnCopy.Kind.MOVING_ON).first()}
