"""Documents and the memory box in the rest of the child's record: the overview's gallery, the
chronology, and the monthly tracker's "good things this month"."""

import datetime

from django.urls import reverse

from children import extensions
from homes.dates import month_start
from records import panels_documents
from records.models import Document
from tests.records.factories import add_document, memory_box_item
from tests.utils import today


def test_the_overview_shows_the_memory_box_and_its_button_to_those_who_add(client_for, staff, assessor, child):
    item = memory_box_item(child, title="First goal at football")
    page = client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert "First goal at football" in page
    assert reverse("document_thumbnail", args=[item.pk]) in page
    assert reverse("memory_box_add", args=[child.pk]) in page
    page = client_for(assessor).get(reverse("child_detail", args=[child.pk])).text
    assert "First goal at football" in page
    assert reverse("memory_box_add", args=[child.pk]) not in page


def test_the_overview_shows_the_newest_few(child, staff):
    for number in range(panels_documents.PANEL_ITEMS + 2):
        memory_box_item(child, title=f"Item {number}", dated=today() - datetime.timedelta(days=number))
    panel = panels_documents.memory_box_panel(staff, child)
    assert [item.title for item in panel["items"]] == [f"Item {n}" for n in range(panels_documents.PANEL_ITEMS)]
    assert panel["total"] == panels_documents.PANEL_ITEMS + 2


def test_documents_are_in_the_chronology_but_not_sensitive_or_archived_ones(child, manager):
    memory_box_item(child, title="Star of the week")
    add_document(child, title="School report")
    add_document(child, by=manager, title="Police disclosure", sensitive=True)
    gone = add_document(child, title="Wrong child")
    Document.objects.filter(pk=gone.pk).update(archived=True, archive_reason="error")
    source = extensions.chronology_sources["document"]
    titles = [entry.title for entry in source.entries(child, None, None)]
    assert any("Star of the week" in title and title.startswith("Memory box") for title in titles)
    assert any("School report" in title for title in titles)
    assert not any("Police" in title or "Wrong child" in title for title in titles)
    assert source.count_between(child, None, None) == 2


def test_the_chronology_continues_after_where_a_page_stopped(child):
    for n in range(7):
        add_document(child, title=f"Letter {n}", dated=today() - datetime.timedelta(days=n % 3))
    source = extensions.chronology_sources["document"]
    everything = list(source.entries(child, None, None))
    positions = [(entry.when, entry.key) for entry in everything]
    assert positions == sorted(positions, reverse=True)  # newest first, then the largest key
    stop = everything[2]
    rest = list(source.entries(child, None, None, older=extensions.Older(when=stop.when, key=stop.key)))
    assert rest == everything[3:]


def test_the_months_good_things_are_counted_and_listed(child):
    this_month = month_start(today())
    memory_box_item(child, title="Swimming certificate", dated=this_month)
    memory_box_item(child, title="Photo at the beach", kind=Document.Kind.PHOTO, dated=this_month)
    memory_box_item(child, title="Last month", dated=this_month - datetime.timedelta(days=1))
    add_document(child, title="A letter, not in the memory box", dated=this_month)
    shown = dict((section.name, data) for section, data in extensions.month_sections_for(child, this_month))
    good = shown["good-things"]
    assert good["total"] == 2
    assert {item.title for item in good["items"]} == {"Swimming certificate", "Photo at the beach"}
    assert dict((label, count) for label, count in good["by_kind"]) == {"Certificate or award": 1, "Photo": 1}
