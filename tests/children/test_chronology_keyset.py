"""The chronology pages by keyset (issue 14): each source continues just after the last entry
shown, so no entry is lost or repeated across pages, ties on the same moment included, and a
deep page costs what the first does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children import extensions
from children.extensions import ChronologyEntry, ChronologySource, Older, day_start
from children.services import chronology
from tests.children.factories import (
    ActivityFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    ProvisionSessionFactory,
)
from tests.utils import count_queries, today


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def walk(child, *, per_page: int, **filters) -> list[list[ChronologyEntry]]:
    """Every page, following each page's "Older" position to the end."""
    pages, after = [], None
    while True:
        page = chronology.chronology_page(child, after=after, number=len(pages) + 1, per_page=per_page, **filters)
        pages.append(page.entries)
        if not page.has_next:
            return pages
        after = page.next_position


def identity(entry: ChronologyEntry) -> tuple:
    return (entry.kind, entry.key, entry.when, entry.title)


@pytest.fixture
def tied(child):
    """Many records on the same few moments: five activities on each of three days, key working
    at those days' midnights (the same moment as the day's activities), school on them too."""
    arrangement = ProvisionArrangementFactory(child=child)
    for day in (2, 3, 4):
        for n in range(5):
            ActivityFactory(child=child, date=days_ago(day), note=f"day {day} activity {n}")
        for n in range(2):
            KeyWorkingSessionFactory(child=child, happened_at=day_start(days_ago(day)), topic=f"day {day} talk {n}")
        ProvisionSessionFactory(arrangement=arrangement, date=days_ago(day))
    return child


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 7, 30])
def test_no_entry_is_lost_or_repeated_across_pages_even_inside_ties(tied, per_page):
    everything = chronology.chronology_page(tied, per_page=1000).entries
    pages = walk(tied, per_page=per_page)
    walked = [entry for page in pages for entry in page]
    assert [identity(e) for e in walked] == [identity(e) for e in everything]
    assert len({identity(e) for e in walked}) == len(walked) == 3 * (5 + 2 + 1) + 1
    assert all(len(page) == per_page for page in pages[:-1])


def test_ties_are_ordered_by_source_then_newest_record_first(tied):
    day = [e for e in chronology.chronology_page(tied, per_page=1000).entries if e.when == day_start(days_ago(2))]
    assert [e.kind for e in day] == ["key_working"] * 2 + ["activity"] * 5 + ["provision"]
    assert [e.key for e in day[2:7]] == sorted((e.key for e in day[2:7]), reverse=True)


def test_filters_hold_across_pages(tied):
    pages = walk(tied, per_page=4, kinds=["activity"], start=days_ago(3), end=days_ago(2))
    notes = [e.detail for page in pages for e in page]
    assert len(notes) == 10 and all(note.startswith(("day 2", "day 3")) for note in notes)


def test_a_source_without_keys_is_paged_by_its_order_among_ties(monkeypatch, tied):
    """A later app's source that does not take `older` still pages without loss or repeats."""
    moment = day_start(days_ago(3))

    def plain(child, start, end):
        for n in range(4):
            yield ChronologyEntry(when=moment, kind="plain", title=f"plain {n}")

    extensions.register_chronology_source(ChronologySource(kind="plain", label="Plain", entries=plain))
    monkeypatch.setitem(extensions.chronology_sources, "plain", extensions.chronology_sources.pop("plain"))
    everything = chronology.chronology_page(tied, per_page=1000).entries
    for per_page in (1, 3, 5):
        walked = [e for page in walk(tied, per_page=per_page) for e in page]
        assert [identity(e) for e in walked] == [identity(e) for e in everything]
    assert [e.title for e in everything if e.kind == "plain"] == [f"plain {n}" for n in range(4)]


def test_each_keyset_source_is_asked_to_continue_where_the_page_stopped(monkeypatch, tied):
    """The deep page starts in each source's query: a source is handed the position, not read from its newest entry."""
    asked = []
    original = extensions.chronology_sources["activity"]

    def spy(child, start, end, older=None):
        asked.append(older)
        return original.entries(child, start, end, older=older)

    spying = ChronologySource(kind="activity", label="x", entries=spy, keyset=True)
    monkeypatch.setitem(extensions.chronology_sources, "activity", spying)
    first = chronology.chronology_page(tied, per_page=4)
    second = chronology.chronology_page(tied, per_page=4, after=first.next_position, number=2)
    assert asked[0] is None
    assert asked[1] == Older(when=first.entries[-1].when, key=first.entries[-1].key)
    assert second.entries[0].kind == "activity" and second.entries[0].key < first.entries[-1].key


def test_older_on_a_date_field_from_a_moment_inside_the_day(child):
    """A page that stopped at 12:00 on a day continues with that day's date-only records (they sit at its midnight)."""
    ActivityFactory(child=child, date=days_ago(2))
    noon = timezone.make_aware(datetime.datetime.combine(days_ago(2), datetime.time(12)))
    activities = child.activities.all()
    assert Older(when=noon, key=-1).filter(activities, "date").count() == 1
    assert Older(when=day_start(days_ago(2)), key=float("-inf")).filter(activities, "date").count() == 0
    assert Older(when=day_start(days_ago(2))).filter(activities, "date").count() == 1


def test_the_token_round_trips_to_the_microsecond():
    when = timezone.make_aware(datetime.datetime(2026, 7, 1, 9, 30, 15, 123456))
    position = chronology.Position(when=when, kind="key_working", key=42)
    assert chronology.Position.from_token(position.token()) == position


@pytest.mark.parametrize(
    "token", ["", "x", "1~key_working", "abc~key_working~1", "1~nope~1", "1~activity~x", "9" * 40 + "~activity~1"]
)
def test_a_mangled_position_is_refused(token):
    assert chronology.Position.from_token(token) is None


def test_a_mangled_position_shows_the_first_page(client_for, staff, tied):
    url = reverse("child_chronology", args=[tied.pk])
    response = client_for(staff).get(url, {"after": "9" * 40 + "~activity~1", "page": "7"})
    assert response.status_code == 200
    assert "day 2 talk 1" in response.text and "Page 7" not in response.text


def test_following_older_over_http_reaches_every_entry_once(client_for, staff, child):
    import html
    import re

    _many(child, 40)
    client = client_for(staff)
    url = reverse("child_chronology", args=[child.pk])
    seen, link = [], ""
    for number in range(1, 10):
        text = client.get(url + link).text
        assert f"Page {number}" in text
        seen += re.findall(r'data-kind="(\w+)">\s*<div[^>]*>\s*<span>(?:<a href="([^"]+)">)?([^<]+)', text)
        older = re.search(r'href="(\?[^"]*)">Older', text)
        if older is None:
            break
        link = html.unescape(older.group(1))
    expected = chronology.chronology_page(child, per_page=1000).entries
    assert len(seen) == len(expected) == 3 * 40 + 1
    assert [kind for kind, _, _ in seen] == [e.kind for e in expected]
    # Each key-working entry links to its own session: none repeated.
    links = [href for kind, href, _ in seen if kind == "key_working"]
    assert len(set(links)) == len(links) == 40


def _many(child, n: int) -> None:
    arrangement = ProvisionArrangementFactory(child=child)
    for i in range(n):
        ActivityFactory(child=child, date=days_ago(i % 80 + 1))
        KeyWorkingSessionFactory(child=child, happened_at=day_start(days_ago(i % 80 + 1)))
        ProvisionSessionFactory(arrangement=arrangement, date=days_ago(i % 80 + 1))


def test_a_deep_page_runs_the_queries_of_the_first(client_for, staff, child):
    _many(child, 40)
    url = reverse("child_chronology", args=[child.pk])
    deep = chronology.chronology_page(child, per_page=90).next_token
    client = client_for(staff)
    assert count_queries(client, url) == count_queries(client, f"{url}?after={deep}&page=4")
