import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from children.models import KeyWorkingSession
from children.models import key_working as models
from children.services import key_working as services
from tests.children.factories import CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.utils import count_queries


def form_data(staff, **overrides) -> dict:
    data = {
        "staff_member": staff.pk,
        "happened_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": 35,
        "topic": "Worries about the new school",
        "child_voice": "What if nobody talks to me at lunch?",
        "notes": "Drew a map of the dinner hall together.",
        "regulation_before": 2,
        "regulation_after": 4,
        "follow_ups": "Visit the school with Jess on Thursday.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def session(child, staff):
    return KeyWorkingSessionFactory(child=child, staff_member=staff, author=staff)


@pytest.fixture
def old_session(child, staff):
    long_ago = timezone.now() - datetime.timedelta(days=3)
    return KeyWorkingSessionFactory(
        child=child, staff_member=staff, author=staff, happened_at=long_ago, signed_at=long_ago
    )


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_within_reach_reads(request, client_for, child, session, person):
    client = client_for(request.getfixturevalue(person))
    for url in (reverse("key_working_list", args=[child.pk]), reverse("key_working_detail", args=[session.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "I don&#x27;t like Mondays" in response.text


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, child, session):
    client = client_for(other_manager)
    for url in (
        reverse("key_working_list", args=[child.pk]),
        reverse("key_working_add", args=[child.pk]),
        reverse("key_working_detail", args=[session.pk]),
        reverse("key_working_edit", args=[session.pk]),
        reverse("key_working_amend", args=[session.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("key_working_add", args=[child.pk]), form_data(other_manager)).status_code == 404
    assert KeyWorkingSession.objects.count() == 1


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, session, staff, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("key_working_add", args=[child.pk])).status_code == 403
    assert client.post(reverse("key_working_add", args=[child.pk]), form_data(staff)).status_code == 403
    assert client.post(reverse("key_working_edit", args=[session.pk]), form_data(staff)).status_code == 403
    assert client.post(reverse("key_working_amend", args=[session.pk]), form_data(staff, reason="x")).status_code == 403
    assert KeyWorkingSession.objects.count() == 1


def test_read_views_refuse_post_and_forms_refuse_put(client_for, staff, child, session):
    client = client_for(staff)
    assert client.post(reverse("key_working_list", args=[child.pk])).status_code == 405
    assert client.post(reverse("key_working_detail", args=[session.pk])).status_code == 405
    for name, arg in (
        ("key_working_add", child.pk),
        ("key_working_edit", session.pk),
        ("key_working_amend", session.pk),
    ):
        assert client.put(reverse(name, args=[arg])).status_code == 405


# --- logging ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "deputy", "manager"])
def test_the_homes_staff_log_a_session_signed_with_their_name(request, client_for, child, staff, person):
    author = request.getfixturevalue(person)
    response = client_for(author).post(reverse("key_working_add", args=[child.pk]), form_data(staff))
    session = KeyWorkingSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("key_working_detail", args=[session.pk])
    assert session.author == author
    assert abs(session.signed_at - timezone.now()) < datetime.timedelta(minutes=1)
    page = client_for(author).get(response.url).text
    assert "What if nobody talks to me at lunch?" in page
    assert f"Signed by <strong>{author.full_name}</strong>" in page


def test_the_form_offers_the_person_and_now(client_for, child, staff):
    page = client_for(staff).get(reverse("key_working_add", args=[child.pk])).text
    assert f'<option value="{staff.pk}" selected>' in page
    assert "In Siobhán's words" in page  # the label is built with format_html: only the name is escaped


def test_a_future_session_is_refused_on_the_page_keeping_what_was_typed(client_for, child, staff):
    future = timezone.localtime(timezone.now() + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(staff).post(reverse("key_working_add", args=[child.pk]), form_data(staff, happened_at=future))
    assert response.status_code == 200
    assert models.KEY_WORKING_IN_FUTURE in response.text
    assert "What if nobody talks to me at lunch?" in response.text
    assert not KeyWorkingSession.objects.exists()


def test_the_staff_choices_are_the_homes_staff(client_for, child, staff, other_manager, assessor):
    page = client_for(staff).get(reverse("key_working_add", args=[child.pk])).text
    assert other_manager.full_name not in page
    assert assessor.full_name not in page


# --- editing and amending --------------------------------------------------------------------


def test_the_author_corrects_their_entry_within_24_hours(client_for, staff, session):
    detail = client_for(staff).get(reverse("key_working_detail", args=[session.pk])).text
    assert reverse("key_working_edit", args=[session.pk]) in detail
    response = client_for(staff).post(
        reverse("key_working_edit", args=[session.pk]), form_data(staff, topic="Worries about lunch")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topic == "Worries about lunch"
    assert not session.amendments.exists()


def test_someone_else_cannot_edit_the_entry(client_for, home, manager, session, staff):
    assert client_for(manager).get(reverse("key_working_edit", args=[session.pk])).status_code == 403
    response = client_for(manager).post(reverse("key_working_edit", args=[session.pk]), form_data(staff, topic="X"))
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.topic != "X"


def test_after_24_hours_edit_sends_the_author_to_amend(client_for, staff, old_session):
    detail = client_for(staff).get(reverse("key_working_detail", args=[old_session.pk])).text
    assert reverse("key_working_edit", args=[old_session.pk]) not in detail
    assert reverse("key_working_amend", args=[old_session.pk]) in detail
    response = client_for(staff).post(reverse("key_working_edit", args=[old_session.pk]), form_data(staff, topic="X"))
    assert response.status_code == 302
    assert response.url == reverse("key_working_amend", args=[old_session.pk])
    old_session.refresh_from_db()
    assert old_session.topic != "X"


def test_an_edit_when_the_window_closes_mid_form_is_not_saved(client_for, staff, session, monkeypatch):
    client = client_for(staff)
    client.get(reverse("key_working_edit", args=[session.pk]))
    # The form was open while the clock passed 24 hours: the service refuses.
    real_is_editable = KeyWorkingSession.is_editable
    calls = iter([True])
    monkeypatch.setattr(KeyWorkingSession, "is_editable", lambda self, now=None: next(calls, False))
    response = client.post(reverse("key_working_edit", args=[session.pk]), form_data(staff, topic="Too late"))
    monkeypatch.setattr(KeyWorkingSession, "is_editable", real_is_editable)
    assert response.url == reverse("key_working_amend", args=[session.pk])
    session.refresh_from_db()
    assert session.topic != "Too late"


def test_an_amendment_is_shown_beside_the_original(client_for, staff, manager, old_session):
    original_topic = old_session.topic
    response = client_for(manager).post(
        reverse("key_working_amend", args=[old_session.pk]),
        form_data(staff, topic="Lunchtime worries", reason="The topic was recorded wrongly"),
    )
    assert response.status_code == 302
    page = client_for(staff).get(reverse("key_working_detail", args=[old_session.pk])).text
    assert "The topic was recorded wrongly" in page
    assert f"<del>{original_topic}</del> → Lunchtime worries" in page
    assert "The original entry, as signed by" in page
    assert manager.full_name in page


def test_an_amendment_without_a_reason_is_refused_on_the_page(client_for, staff, old_session):
    response = client_for(staff).post(reverse("key_working_amend", args=[old_session.pk]), form_data(staff, topic="X"))
    assert response.status_code == 200
    assert "Enter why the entry needs changing" in response.text
    old_session.refresh_from_db()
    assert old_session.topic != "X"


@pytest.mark.parametrize("when", ["three days ago", "in British Summer Time"])
def test_an_amendment_changing_nothing_says_so(client_for, staff, old_session, when):
    if when == "in British Summer Time":
        # The form gives the local time (+01:00), the database UTC: the same instant, not a change.
        # Half past eleven at night in UTC is already the next day in the home.
        last_year = timezone.localdate().year - 1
        old_session.child.admission_date = datetime.date(last_year, 1, 1)
        old_session.child.save()
        old_session.happened_at = datetime.datetime(last_year, 7, 10, 23, 30, tzinfo=datetime.UTC)
    # The form's minutes-only time drops the seconds; align the stored value so nothing differs.
    old_session.happened_at = old_session.happened_at.replace(second=0, microsecond=0)
    old_session.save()
    data = form_data(
        staff,
        happened_at=timezone.localtime(old_session.happened_at).strftime("%Y-%m-%dT%H:%M"),
        duration_minutes=old_session.duration_minutes,
        topic=old_session.topic,
        child_voice=old_session.child_voice,
        notes=old_session.notes,
        regulation_before=old_session.regulation_before,
        regulation_after=old_session.regulation_after,
        follow_ups=old_session.follow_ups,
        reason="Just checking",
    )
    response = client_for(staff).post(reverse("key_working_amend", args=[old_session.pk]), data)
    assert response.status_code == 200
    assert services.AMENDMENT_CHANGES_NOTHING in response.text


def test_reading_a_session_is_logged(client_for, assessor, session):
    client_for(assessor).get(reverse("key_working_detail", args=[session.pk]))
    reads = LogEntry.objects.get_for_object(session).filter(action=LogEntry.Action.ACCESS)
    assert [entry.actor for entry in reads] == [assessor]


# --- query counts ----------------------------------------------------------------------------


def test_the_list_runs_the_same_queries_for_one_session_or_many(client_for, child, staff):
    client = client_for(staff)
    url = reverse("key_working_list", args=[child.pk])
    goals = GoalFactory.create_batch(2, plan=signed(CarePlanFactory(child=child)))
    KeyWorkingSessionFactory(child=child).goals_worked_on.set(goals[:1])
    one = count_queries(client, url)
    sessions = KeyWorkingSessionFactory.create_batch(15, child=child)
    for session in sessions:
        session.goals_worked_on.set(goals)
    for session in sessions[:3]:
        services.key_working_amend(session=session, amended_by=staff, reason="Typo", topic="Corrected topic")
    assert count_queries(client, url) == one
    page = client.get(url).text
    assert page.count(">amended</span>") == 3
    assert page.count("Goals worked on:") == 16


def test_the_detail_runs_the_same_queries_for_one_amendment_or_many(client_for, staff, old_session):
    client = client_for(staff)
    url = reverse("key_working_detail", args=[old_session.pk])
    goals = GoalFactory.create_batch(5, plan=signed(CarePlanFactory(child=old_session.child)))
    services.key_working_amend(session=old_session, amended_by=staff, reason="1", goals_worked_on=goals[:1])
    one = count_queries(client, url)
    for n in range(1, 5):
        services.key_working_amend(session=old_session, amended_by=staff, reason=str(n), goals_worked_on=goals[: n + 1])
    assert count_queries(client, url) == one
