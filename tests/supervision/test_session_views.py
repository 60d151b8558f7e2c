import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homes.models import Membership
from supervision.models import SupervisionAction, SupervisionSession
from tests.factories import member
from tests.supervision.factories import SECRET_NOTES, make_action, make_session, staff_member, today


def session_form(attendees, **overrides) -> dict:
    data = {
        "kind": SupervisionSession.Kind.INDIVIDUAL,
        "held_on": (today() - datetime.timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "attendees": [p.pk for p in attendees],
        "themes": ["workload", "wellbeing"],
        "coping_rating": 3,
        "notes": "We talked about rotas.",
        "next_on": (today() + datetime.timedelta(days=27)).isoformat(),
    }
    data.update(overrides)
    return data


# --- record ---------------------------------------------------------------------------------


def test_supervisor_records_a_session(client_for, home, supervisor, supervisee):
    response = client_for(supervisor).post(reverse("supervision_record", args=[home.pk]), session_form([supervisee]))
    session = SupervisionSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("supervision_session_detail", args=[session.pk])
    assert session.supervisor == supervisor and list(session.attendees.all()) == [supervisee]
    assert session.themes == ["workload", "wellbeing"]


def test_record_shows_clear_errors(client_for, home, supervisor, supervisee, colleague):
    url = reverse("supervision_record", args=[home.pk])
    future = (today() + datetime.timedelta(days=2)).isoformat()
    response = client_for(supervisor).post(url, session_form([supervisee, colleague], held_on=future, next_on=""))
    assert response.status_code == 200
    assert "record a session once it has happened" in response.text
    response = client_for(supervisor).post(url, session_form([supervisee, colleague]))
    assert "exactly one supervisee" in response.text
    assert not SupervisionSession.objects.exists()


def test_record_persona_matrix(client_for, home, supervisor, supervisee, staff, other_manager, assessor):
    url = reverse("supervision_record", args=[home.pk])
    assert client_for(supervisor).get(url).status_code == 200
    assert client_for(assessor).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 403
    assert client_for(staff).post(url, session_form([supervisee])).status_code == 403
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(other_manager).post(url, session_form([supervisee])).status_code == 404
    assert client_for(supervisor).put(url).status_code == 405
    assert not SupervisionSession.objects.exists()


# --- detail, list ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["supervisor", "supervisee", "manager", "clinical_lead", "administrator"])
def test_people_who_may_know_see_the_session(client_for, session, who, request):
    response = client_for(request.getfixturevalue(who)).get(reverse("supervision_session_detail", args=[session.pk]))
    assert response.status_code == 200
    assert "Jess Whitfield" in response.text


@pytest.mark.parametrize("who", ["colleague", "other_manager", "staff", "assessor"])
def test_others_get_404_on_the_session(client_for, session, who, request):
    """Care staff and assessors of the same home who were not there, and other homes' people."""
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("supervision_session_detail", args=[session.pk])).status_code == 404
    assert client.post(reverse("supervision_session_sign", args=[session.pk])).status_code == 404


def test_detail_refuses_post(client_for, session, supervisor):
    assert client_for(supervisor).post(reverse("supervision_session_detail", args=[session.pk])).status_code == 405


def test_session_list_persona_matrix(client_for, home, session, manager, colleague, other_manager):
    url = reverse("supervision_sessions", args=[home.pk])
    response = client_for(manager).get(url)
    assert response.status_code == 200 and "Jess Whitfield" in response.text
    # A colleague sees the page, but not other people's sessions.
    response = client_for(colleague).get(url)
    assert response.status_code == 200 and "Jess Whitfield" not in response.text
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_session_list_queries_do_not_grow_with_rows(client_for, home, manager, supervisor, supervisee):
    client = client_for(manager)
    url = reverse("supervision_sessions", args=[home.pk])
    make_session(home=home, supervisor=supervisor, attendees=[supervisee])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in range(5, 40, 5):
        others = [staff_member(home), staff_member(home)]
        make_session(
            home=home,
            supervisor=supervisor,
            attendees=others,
            kind=SupervisionSession.Kind.PEER_SUPPORT,
            coping_rating=None,
            held_on=today() - datetime.timedelta(days=days),
            signed=True,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.text.count("/supervision/sessions/") >= 8
    assert len(many) == len(one)


def test_the_session_list_is_paginated(client_for, home, manager, supervisor, supervisee, monkeypatch):
    from supervision.views import session as session_views

    monkeypatch.setattr(session_views, "LIST_PAGE_SIZE", 2)
    sessions = [
        make_session(
            home=home, supervisor=supervisor, attendees=[supervisee], held_on=today() - datetime.timedelta(days=d)
        )
        for d in (3, 2, 1)
    ]
    url = reverse("supervision_sessions", args=[home.pk])
    first, second = client_for(manager).get(url).text, client_for(manager).get(url, {"page": 2}).text
    detail = [reverse("supervision_session_detail", args=[s.pk]) + '"' for s in sessions]
    assert detail[2] in first and detail[1] in first and detail[0] not in first
    assert detail[0] in second and detail[2] not in second
    assert "Page 1 of 2" in first and "?page=2" in first


# --- edit, sign -----------------------------------------------------------------------------


def test_supervisor_edits_until_signed(client_for, session, supervisor, supervisee):
    url = reverse("supervision_session_edit", args=[session.pk])
    client = client_for(supervisor)
    assert client.get(url).status_code == 200
    response = client.post(url, session_form([supervisee], notes="Corrected notes", revision=1))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.notes == "Corrected notes"
    client.post(reverse("supervision_session_sign", args=[session.pk]))
    assert client.get(url).status_code == 403
    assert client.post(url, session_form([supervisee], notes="Later change")).status_code == 403
    session.refresh_from_db()
    assert session.notes == "Corrected notes"


@pytest.mark.parametrize("who", ["supervisee", "manager", "clinical_lead"])
def test_only_the_supervisor_edits(client_for, session, who, request, supervisee):
    client = client_for(request.getfixturevalue(who))
    url = reverse("supervision_session_edit", args=[session.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, session_form([supervisee], notes="x")).status_code == 403


def test_edit_refuses_other_methods(client_for, session, supervisor, other_manager):
    url = reverse("supervision_session_edit", args=[session.pk])
    assert client_for(supervisor).put(url).status_code == 405
    assert client_for(other_manager).get(url).status_code == 404


def test_supervisor_and_supervisee_sign(client_for, session, supervisor, supervisee):
    url = reverse("supervision_session_sign", args=[session.pk])
    assert client_for(supervisor).get(url).status_code == 405
    assert client_for(supervisor).post(url).status_code == 302
    assert client_for(supervisee).post(url).status_code == 302
    session.refresh_from_db()
    assert session.is_fully_signed
    page = client_for(supervisee).get(reverse("supervision_session_detail", args=[session.pk])).text
    assert "Sign this record" not in page and "Signed records cannot be changed" in page


def test_manager_cannot_sign_someone_elses_supervision(client_for, session, manager):
    assert client_for(manager).post(reverse("supervision_session_sign", args=[session.pk])).status_code == 403
    session.refresh_from_db()
    assert session.supervisor_signed_at is None


# --- actions --------------------------------------------------------------------------------


def test_supervisor_adds_an_action(client_for, session, supervisor, supervisee):
    url = reverse("supervision_action_add", args=[session.pk])
    due = (today() + datetime.timedelta(days=7)).isoformat()
    response = client_for(supervisor).post(
        url, {"description": "Read PACE notes", "owner": supervisee.pk, "due_on": due}
    )
    assert response.status_code == 302
    assert SupervisionAction.objects.get().owner == supervisee


def test_action_add_persona_matrix(client_for, session, supervisor, supervisee, manager, other_manager):
    url = reverse("supervision_action_add", args=[session.pk])
    data = {"description": "x", "owner": supervisee.pk, "due_on": today().isoformat()}
    assert client_for(supervisor).get(url).status_code == 405
    assert client_for(supervisee).post(url, data).status_code == 403
    assert client_for(manager).post(url, data).status_code == 403
    assert client_for(other_manager).post(url, data).status_code == 404
    assert not SupervisionAction.objects.exists()


def test_owner_marks_an_action_done(client_for, session, supervisee, supervisor):
    action = make_action(session, supervisee)
    url = reverse("supervision_action_done", args=[action.pk])
    assert client_for(supervisee).get(url).status_code == 405
    response = client_for(supervisee).post(url)
    assert response.status_code == 302 and response.url == reverse("my_supervision")
    action.refresh_from_db()
    assert action.done_on == today()


def test_supervisor_marks_an_action_done_from_the_session(client_for, session, supervisee, supervisor):
    action = make_action(session, supervisee)
    response = client_for(supervisor).post(reverse("supervision_action_done", args=[action.pk]), {"back": "session"})
    assert response.url == reverse("supervision_session_detail", args=[session.pk])


def test_action_done_persona_matrix(client_for, home, supervisor, supervisee, colleague, manager, other_manager):
    group = make_session(
        home=home,
        supervisor=supervisor,
        attendees=[supervisee, colleague],
        kind=SupervisionSession.Kind.PEER_SUPPORT,
        coping_rating=None,
    )
    action = make_action(group, supervisee)
    url = reverse("supervision_action_done", args=[action.pk])
    assert client_for(colleague).post(url).status_code == 403  # was there, but not theirs
    assert client_for(manager).post(url).status_code == 404  # cannot read the content at all
    assert client_for(other_manager).post(url).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None


# --- my supervision -------------------------------------------------------------------------


def test_my_supervision_shows_next_session_signature_and_actions(client_for, session, supervisee):
    session.next_on = today() + datetime.timedelta(days=20)
    session.save()
    make_action(session, supervisee, description="Take the leave owed")
    page = client_for(supervisee).get(reverse("my_supervision")).text
    assert "Take the leave owed" in page
    assert f"{session.next_on:%-d %b}" in page
    assert "Waiting for your signature" in page
    assert reverse("supervision_session_detail", args=[session.pk]) in page


def test_my_supervision_methods(client_for, supervisee, client):
    assert client_for(supervisee).post(reverse("my_supervision")).status_code == 405
    assert client.get(reverse("my_supervision")).status_code == 302


def test_my_supervision_queries_do_not_grow(client_for, home, supervisor, supervisee):
    client = client_for(supervisee)
    session = make_session(home=home, supervisor=supervisor, attendees=[supervisee])
    make_action(session, supervisee)
    client.get(reverse("my_supervision"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("my_supervision"))
    for days in range(10, 60, 10):
        s = make_session(
            home=home, supervisor=supervisor, attendees=[supervisee], held_on=today() - datetime.timedelta(days=days)
        )
        make_action(s, supervisee)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("my_supervision"))
    assert len(many) == len(one)


def test_assessor_supervising_in_another_home_sees_their_own_session(client_for, home, other_home):
    visiting = member(other_home, Membership.Role.ASSESSOR)
    Membership.objects.create(user=visiting, home=home, role=Membership.Role.ASSESSOR)
    session = make_session(home=home, supervisor=visiting, attendees=[staff_member(home)])
    page = client_for(visiting).get(reverse("supervision_session_detail", args=[session.pk])).text
    assert SECRET_NOTES in page


def test_supervisors_find_record_a_session_on_their_own_page(client_for, home, assessor, staff):
    record_url = reverse("supervision_record", args=[home.pk])
    assert record_url in client_for(assessor).get(reverse("my_supervision")).text
    assert record_url not in client_for(staff).get(reverse("my_supervision")).text


def test_care_staff_are_not_offered_the_managers_pages(client_for, home, staff):
    page = client_for(staff).get(reverse("supervision_sessions", args=[home.pk])).text
    assert f'href="{reverse("supervision_compliance", args=[home.pk])}"' not in page
    assert reverse("training_matrix", args=[home.pk]) not in page


def test_a_clinical_lead_records_and_signs_from_their_dashboard(client_for, home, clinical_lead, supervisee):
    client = client_for(clinical_lead)
    response = client.post(reverse("supervision_record", args=[home.pk]), session_form([supervisee]))
    assert response.status_code == 302
    page = client.get(reverse("dashboard")).text
    assert 'id="panel-my-supervision"' in page and "1 record" in page


def test_administrators_add_courses_in_set_up(client_for, administrator):
    from supervision.models import Course

    administrator.is_superuser = True  # as the demo's administrator and createsuperuser make them
    administrator.save()
    response = client_for(administrator).post(
        "/admin/supervision/course/add/", {"name": "Autism awareness", "valid_for_months": 24, "active": "on"}
    )
    assert response.status_code == 302
    assert Course.objects.get(name="Autism awareness").valid_for_months == 24


def test_the_record_form_starts_with_today(client_for, home, supervisor):
    page = client_for(supervisor).get(reverse("supervision_record", args=[home.pk])).text
    assert f'value="{today().isoformat()}"' in page


def test_a_supervisor_who_lost_the_role_gets_a_message_not_an_error(client_for, session, supervisor, supervisee):
    Membership.objects.filter(user=supervisor).update(role=Membership.Role.CARE_STAFF)
    response = client_for(supervisor).post(
        reverse("supervision_session_edit", args=[session.pk]), session_form([supervisee], notes="x", revision=1)
    )
    assert response.status_code == 200
    assert "The supervisor must be a manager, deputy or assessor" in response.text
