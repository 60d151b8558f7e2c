import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from children import extensions
from children.extensions import ChronologyEntry, ChronologySource
from children.services import chronology
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    ProvisionSessionFactory,
    RiskAssessmentFactory,
    signed,
)
from tests.health.factories import AppointmentFactory, MedicationErrorFactory
from tests.records.factories import add_document
from tests.safeguarding.incident_factories import make_incident
from tests.safeguarding.missing_factories import (
    BodyMarkFactory,
    MissingEpisodeFactory,
    ReturnInterviewFactory,
    returned,
)
from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory, make_notification
from tests.shifts.factories import DailyLogFactory
from tests.utils import count_queries, seed_demo, today


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def at_noon(n: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(days_ago(n), datetime.time(12)))


@pytest.fixture
def history(child):
    """One of each kind, on distinct days (the child was admitted 100 days ago)."""
    ActivityFactory(child=child, date=days_ago(1), note="Swimming")
    KeyWorkingSessionFactory(child=child, happened_at=at_noon(3), topic="Talking about Nan")
    arrangement = ProvisionArrangementFactory(child=child, provider="Calder High School")
    ProvisionSessionFactory(arrangement=arrangement, date=days_ago(5))
    ActivityFactory(child=child, date=days_ago(7), note="Baking")
    return child


def titles(page) -> list[str]:
    return [entry.title for entry in page.entries]


def test_every_kind_is_merged_newest_first(history):
    page = chronology.chronology_page(history)
    assert [entry.kind for entry in page.entries] == ["activity", "key_working", "provision", "activity", "placement"]
    assert page.entries[-1].title == "Siobhán came to live at Willow House"
    assert page.entries[1].detail == "“I don't like Mondays because everyone is loud.”"
    assert not page.has_next


def test_the_chronology_filters_by_kind(history):
    page = chronology.chronology_page(history, kinds=["activity"])
    assert [entry.detail for entry in page.entries] == ["Swimming", "Baking"]


def test_the_chronology_filters_by_date_inclusively(history):
    page = chronology.chronology_page(history, start=days_ago(5), end=days_ago(3))
    assert [entry.kind for entry in page.entries] == ["key_working", "provision"]


def test_leaving_appears_when_the_child_has_left(history):
    history.discharge_date = today()
    history.discharge_destination = "Back home with her mum"
    history.save()
    first = chronology.chronology_page(history).entries[0]
    assert (first.title, first.detail) == ("Siobhán left the home", "Back home with her mum")


def test_archived_records_are_left_out(history):
    history.activities.update(archived=True)
    assert "activity" not in {entry.kind for entry in chronology.chronology_page(history).entries}


def test_pages_follow_on_without_gaps_or_repeats(child):
    for n in range(1, 12):
        ActivityFactory(child=child, date=days_ago(n), note=f"day {n}")
    first = chronology.chronology_page(child, kinds=["activity"], per_page=5)
    second = chronology.chronology_page(child, kinds=["activity"], after=first.next_position, number=2, per_page=5)
    third = chronology.chronology_page(child, kinds=["activity"], after=second.next_position, number=3, per_page=5)
    notes = [e.detail for p in (first, second, third) for e in p.entries]
    assert notes == [f"day {n}" for n in range(1, 12)]
    assert first.has_next and second.has_next and not third.has_next
    assert second.has_previous and not first.has_previous


def test_a_page_reads_only_as_far_as_it_shows(monkeypatch, child):
    """The merge streams: a long source is not read to the end for the first page."""
    pulled = []

    def long_history(child, start, end):
        for n in range(10_000):
            pulled.append(n)
            yield ChronologyEntry(when=at_noon(n), kind="long", title=f"entry {n}")

    monkeypatch.setattr(extensions, "chronology_sources", {})
    extensions.register_chronology_source(ChronologySource(kind="long", label="Long", entries=long_history))
    page = chronology.chronology_page(child, per_page=10)
    assert len(page.entries) == 10 and page.has_next
    assert len(pulled) <= 12


@pytest.mark.django_db(transaction=True)  # as a request runs: autocommit, no test transaction around it
def test_each_sources_cursor_holds_only_what_it_fetches(history):
    """On PostgreSQL the sources stream through server-side cursors. Outside a transaction
    Django declares them WITH HOLD, and PostgreSQL then reads every entry of the child's history
    into each cursor before the first row comes back (a third of the chronology's time in
    PostgreSQL at five years, and more the longer the history): the page runs in one, so each
    cursor reads only the chunk it is asked for."""
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    with CaptureQueriesContext(connection) as queries:
        chronology.chronology_page(history)
    declared = [query["sql"] for query in queries if query["sql"].startswith("DECLARE")]
    assert len(declared) >= 3
    assert not [sql for sql in declared if "WITH HOLD" in sql]


def test_a_source_that_is_not_newest_first_fails_loudly(monkeypatch, child):
    def unordered(child, start, end):
        yield ChronologyEntry(when=at_noon(5), kind="bad", title="older")
        yield ChronologyEntry(when=at_noon(1), kind="bad", title="newer")

    monkeypatch.setattr(extensions, "chronology_sources", {})
    extensions.register_chronology_source(ChronologySource(kind="bad", label="Bad", entries=unordered))
    with pytest.raises(ImproperlyConfigured, match="'bad' must yield its entries newest first"):
        chronology.chronology_page(child)


def test_every_sources_cursor_is_let_go_even_when_another_source_fails(monkeypatch, child):
    """Each source's cursor is closed inside the page's transaction, even when the merge fails:
    left for the garbage collector (the failure's traceback holds the sources), it would be
    closed later, perhaps inside another request's transaction, which closing a cursor
    PostgreSQL had already dropped with its own transaction would abort."""
    closed = []

    def good(child, start, end):
        try:
            for n in range(100):
                yield ChronologyEntry(when=at_noon(n), kind="good", title=f"entry {n}")
        finally:
            closed.append("good")

    def unordered(child, start, end):
        try:
            yield ChronologyEntry(when=at_noon(5), kind="bad", title="older")
            yield ChronologyEntry(when=at_noon(1), kind="bad", title="newer")
            yield ChronologyEntry(when=at_noon(9), kind="bad", title="never reached")
        finally:
            closed.append("bad")

    monkeypatch.setattr(extensions, "chronology_sources", {})
    extensions.register_chronology_source(ChronologySource(kind="good", label="Good", entries=good))
    extensions.register_chronology_source(ChronologySource(kind="bad", label="Bad", entries=unordered))
    with pytest.raises(ImproperlyConfigured) as failure:
        chronology.chronology_page(child)
    # While the failure, and the frames of the sources it went through, are still held.
    assert failure.traceback and sorted(closed) == ["bad", "good"]


# --- the page --------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "assessor", "clinical_lead", "administrator"])
def test_everyone_within_reach_reads_the_chronology(request, client_for, history, person):
    response = client_for(request.getfixturevalue(person)).get(reverse("child_chronology", args=[history.pk]))
    assert response.status_code == 200
    assert "Key working: Talking about Nan" in response.text
    assert response.text.index("Swimming") < response.text.index("Talking about Nan") < response.text.index("Baking")


def test_another_homes_member_gets_404(client_for, other_manager, child):
    assert client_for(other_manager).get(reverse("child_chronology", args=[child.pk])).status_code == 404


def test_the_chronology_refuses_post(client_for, staff, child):
    assert client_for(staff).post(reverse("child_chronology", args=[child.pk])).status_code == 405


def test_the_page_filters_and_the_pager_keeps_the_filters(client_for, staff, child):
    for n in range(1, chronology.PAGE_SIZE + 5):
        ActivityFactory(child=child, date=days_ago(n % 90 + 1))
    KeyWorkingSessionFactory(child=child, happened_at=at_noon(2), topic="Talking about Nan")
    url = reverse("child_chronology", args=[child.pk])
    page = client_for(staff).get(url, {"kind": "activity", "start": days_ago(95).isoformat()}).text
    assert "Talking about Nan" not in page
    token = chronology.chronology_page(child, kinds=["activity"], start=days_ago(95)).next_token
    assert f"kind=activity&amp;start={days_ago(95).isoformat()}&amp;after={token}&amp;page=2" in page
    query = {"kind": "activity", "start": days_ago(95).isoformat(), "after": token, "page": 2}
    older = client_for(staff).get(url, query)
    assert "Page 2" in older.text and "Newest" in older.text
    assert f'href="?kind=activity&amp;start={days_ago(95).isoformat()}">Newest' in older.text


def test_a_reversed_date_range_is_explained(client_for, staff, child):
    url = reverse("child_chronology", args=[child.pk])
    page = client_for(staff).get(url, {"start": days_ago(1).isoformat(), "end": days_ago(5).isoformat()}).text
    assert "The end date is before the start date." in page


def _build(child, per_kind: int) -> None:
    arrangement = ProvisionArrangementFactory(child=child)
    for n in range(per_kind):
        ActivityFactory(child=child, date=days_ago(n % 90 + 1))
        KeyWorkingSessionFactory(child=child, happened_at=at_noon(n % 90 + 1) - datetime.timedelta(minutes=n))
        ProvisionSessionFactory(arrangement=arrangement, date=days_ago(n + 1))


def test_the_page_runs_the_same_queries_for_3_or_60_entries(client_for, staff, home):
    from tests.factories import ChildFactory

    few, many = ChildFactory(home=home), ChildFactory(home=home)
    _build(few, 1)
    _build(many, 20)
    client = client_for(staff)
    counts = [count_queries(client, reverse("child_chronology", args=[child.pk])) for child in (few, many)]
    assert counts[0] == counts[1]


def test_a_mangled_page_number_shows_the_first_page(client_for, staff, history):
    url = reverse("child_chronology", args=[history.pk])
    page = client_for(staff).get(url, {"page": "two", "kind": "activity"}).text
    assert "Swimming" in page and "Talking about Nan" not in page


def test_every_registered_source_yields_newest_first_on_the_demo_data(db):
    """Sources other apps register later are covered too, through their demo data."""

    from children.models import Child

    seed_demo()
    for child in Child.objects.select_related("home"):
        for source in extensions.chronology_sources.values():
            whens = [entry.when for entry in source.entries(child, None, None)]
            assert whens == sorted(whens, reverse=True), f"{source.kind} for {child}"
        everything = chronology.chronology_page(child, per_page=1000).entries
        assert everything
        # Paged by keyset in small pages, every source (later apps' too) gives the same entries.
        walked, after = [], None
        while True:
            page = chronology.chronology_page(child, after=after, number=2, per_page=25)
            walked += page.entries
            if not page.has_next:
                break
            after = page.next_position
        assert walked == everything, child


@pytest.mark.parametrize(("start", "end"), [(None, None), (days_ago(5), days_ago(1)), (days_ago(4), days_ago(2))])
def test_each_source_counts_what_it_would_list_in_one_query(history, start, end):
    """The monthly tracker counts records without loading them; archived records are left out alike."""
    archived = ActivityFactory(child=history, date=days_ago(2))
    archived.archived = True
    archived.save()
    for source in chronology.SOURCES:
        with CaptureQueriesContext(connection) as queries:
            counted = source.count_between(history, start, end)
        assert counted == len(list(source.entries(history, start, end))), source.kind
        if source.count is not None:
            assert len(queries) == 1


@pytest.mark.parametrize(
    "query",
    [
        {"end": "9999-12-31"},
        {"start": "0001-01-01", "end": "9999-12-31"},
        {"start": "9999-12-31"},
        {"page": "99999999999999999999"},
        {"page": "-3"},
    ],
)
def test_extreme_dates_and_page_numbers_show_a_page(client_for, staff, history, query):
    response = client_for(staff).get(reverse("child_chronology", args=[history.pk]), query)
    assert response.status_code == 200


def test_the_last_possible_day_still_includes_everything(history):
    page = chronology.chronology_page(history, end=datetime.date.max)
    assert [entry.kind for entry in page.entries] == ["activity", "key_working", "provision", "activity", "placement"]


def test_a_page_number_beyond_the_bound_shows_the_first_page(client_for, staff, history):
    url = reverse("child_chronology", args=[history.pk])
    page = client_for(staff).get(url, {"page": "99999999999999999999", "kind": "activity"}).text
    assert "Swimming" in page


# --- the window helpers every source uses (children/extensions.py) ---------------------------


def test_day_start_is_midnight_in_london_even_in_summer():
    midnight = extensions.day_start(datetime.date(2026, 7, 1))
    assert midnight.isoformat() == "2026-07-01T00:00:00+01:00"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, ["Swimming", "Baking"]),
        (1, 1, ["Swimming"]),  # both ends included
        (7, 2, ["Baking"]),
        (datetime.date.min, datetime.date.max, ["Swimming", "Baking"]),
    ],
)
def test_dated_keeps_the_window_on_a_date_field(history, start, end, expected):
    start, end = (days_ago(day) if isinstance(day, int) else day for day in (start, end))
    activities = extensions.dated(history.activities.order_by("-date"), "date", start, end)
    assert [a.note for a in activities] == expected


def test_dated_keeps_whole_days_on_a_datetime_field(history):
    sessions = history.key_working_sessions.all()
    assert extensions.dated(sessions, "happened_at", days_ago(3), days_ago(3)).count() == 1
    assert extensions.dated(sessions, "happened_at", days_ago(2), datetime.date.max).count() == 0
    assert extensions.dated(sessions, "happened_at", datetime.date.min, days_ago(4)).count() == 0


def test_in_window_uses_the_london_day():
    late = timezone.make_aware(datetime.datetime(2026, 7, 1, 23, 30))  # 22:30 UTC
    assert extensions.in_window(late, datetime.date(2026, 7, 1), datetime.date(2026, 7, 1))
    assert not extensions.in_window(late, datetime.date(2026, 7, 2), None)


def test_every_source_takes_the_first_and_last_days_there_are(history, manager):
    """Every registered source (other apps' too) has a record here and honours the window."""
    signed(CarePlanFactory(child=history))
    RiskAssessmentFactory(child=history)
    make_assessment(history, manager, scores=2, final=True)
    DailyLogFactory(child=history)
    make_incident(history)
    ConsequenceFactory(child=history)
    ComplaintFactory(child=history)
    make_notification(history, by=manager)
    AppointmentFactory(child=history)
    MedicationErrorFactory(child=history)
    BodyMarkFactory(body_map__child=history)
    ReturnInterviewFactory(episode=returned(MissingEpisodeFactory(child=history)))
    add_document(history)
    for source in extensions.chronology_sources.values():
        everything = list(source.entries(history, None, None))
        assert everything, source.kind
        assert list(source.entries(history, datetime.date.min, datetime.date.max)) == everything, source.kind
        assert list(source.entries(history, datetime.date.max, None)) == [], source.kind


def test_a_plan_version_shows_only_its_moments_within_the_window(history):
    from tests.children.factories import CarePlanFactory, signed

    plan = CarePlanFactory(child=history)
    plan.created_at = at_noon(20)
    plan.save(update_fields=["created_at"])
    signed(plan, when=at_noon(10))
    source = extensions.chronology_sources["care_plan"]
    assert [e.title for e in source.entries(history, days_ago(12), days_ago(8))] == ["Plan version 1 signed off"]
    assert [e.title for e in source.entries(history, days_ago(25), days_ago(15))] == ["Plan version 1 started"]
    assert list(source.entries(history, days_ago(9), None)) == []
