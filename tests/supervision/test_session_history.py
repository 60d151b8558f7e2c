import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision.models import Attendance, SupervisionSession
from supervision.services import session as services
from tests.supervision.factories import SECRET_ACTION, SECRET_NOTES, make_action, staff_member, today

SECRETS = [SECRET_NOTES, SECRET_ACTION, "Emotional impact", "Finding it hard", "Workload"]


@pytest.fixture
def recorded(client_for, home, supervisor, supervisee):
    """A session recorded, corrected, given an action and signed by both, through the pages
    (so the change history has its actors)."""
    client = client_for(supervisor)
    data = {
        "kind": SupervisionSession.Kind.INDIVIDUAL,
        "held_on": (today() - datetime.timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "attendees": [supervisee.pk],
        "themes": ["emotional_impact"],
        "coping_rating": 2,
        "notes": SECRET_NOTES,
        "next_on": (today() + datetime.timedelta(days=27)).isoformat(),
    }
    client.post(reverse("supervision_record", args=[home.pk]), data)
    session = SupervisionSession.objects.get()
    client.post(
        reverse("supervision_session_edit", args=[session.pk]),
        {**data, "themes": ["workload"], "notes": SECRET_NOTES + " Later.", "duration_minutes": 75, "revision": 1},
    )
    due = (today() + datetime.timedelta(days=7)).isoformat()
    client.post(
        reverse("supervision_action_add", args=[session.pk]),
        {"description": SECRET_ACTION, "owner": supervisee.pk, "due_on": due},
    )
    client.post(reverse("supervision_session_sign", args=[session.pk]))
    client_for(supervisee).post(reverse("supervision_session_sign", args=[session.pk]))
    return session


def history(client, session) -> str:
    response = client.get(reverse("supervision_session_history", args=[session.pk]))
    assert response.status_code == 200
    return response.text


def test_the_history_shows_facts_and_both_signatures(client_for, recorded, manager):
    page = history(client_for(manager), recorded)
    assert "Duration (minutes)" in page and "75" in page
    assert "Supervisor signed at" in page
    assert "Signed at" in page  # the supervisee's signature, on their attendance
    assert "Tom Hughes" in page and "Jess Whitfield" in page


@pytest.mark.parametrize("who", ["manager", "administrator", "supervisor", "supervisee", "clinical_lead"])
def test_the_history_never_shows_what_was_said(client_for, recorded, who, request):
    page = history(client_for(request.getfixturevalue(who)), recorded)
    for secret in SECRETS:
        assert secret not in page, secret


def test_only_those_who_read_the_content_see_the_actions_history(client_for, recorded, manager, supervisee):
    assert "Supervision action" in history(client_for(supervisee), recorded)
    assert "Supervision action" not in history(client_for(manager), recorded)


def test_history_persona_matrix(client_for, recorded, colleague, other_manager, manager):
    url = reverse("supervision_session_history", args=[recorded.pk])
    assert client_for(colleague).get(url).status_code == 404
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_history_queries_do_not_grow(client_for, recorded, supervisor, home):
    """Entries that change foreign keys (a new attendee, an action's owner) used to cost a query
    per value shown (review finding 7)."""
    client = client_for(supervisor)  # reads the actions' entries too
    url = reverse("supervision_session_history", args=[recorded.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        history(client, recorded)
    for _ in range(5):
        person = staff_member(home)
        Attendance.objects.create(session=recorded, person=person)
        make_action(recorded, person)
    with CaptureQueriesContext(connection) as many:
        page = history(client, recorded)
    assert len(many) == len(few)
    assert page.count("Person:") == 6 and page.count("Owner:") == 6


def test_signing_twice_is_refused_by_the_service(recorded, supervisee):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.supervision_session_sign(session=recorded, user=supervisee)


def test_the_history_is_readable(client_for, recorded, manager):
    page = history(client_for(manager), recorded)
    assert ".None" not in page and "ID:" not in page
