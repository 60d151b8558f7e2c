"""What was said in supervision is read by the supervisee(s), the supervisor and clinical leads
only. Everyone else who may know of the session (the home's managers, administrators) sees
that it happened and nothing more: proved here through every way out of Hearth."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.urls import reverse

from homes import access
from homes.extensions import evidence_sections
from supervision.models import SupervisionSession, WellbeingCheckIn
from supervision.services import session as services
from tests.supervision.factories import (
    SECRET_ACTION,
    SECRET_NOTES,
    SupervisionArrangementFactory,
    make_action,
    today,
)

THEME = "Emotional impact of the work"  # one of the session's themes
COPING = "Finding it hard"  # the supervisee's coping rating (2)
SECRETS = [SECRET_NOTES, SECRET_ACTION, THEME, COPING]


@pytest.fixture
def told(session, supervisee):
    """The session with an agreed action, next date set."""
    session.next_on = today() + datetime.timedelta(days=25)
    session.save()
    make_action(session, supervisee)
    return session


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"leaked: {secret!r}"


# --- the rule, in the access module -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "can_read"),
    [
        ("supervisee", True),
        ("supervisor", True),
        ("clinical_lead", True),
        ("manager", False),
        ("administrator", False),
    ],
)
def test_who_reads_the_content(told, who, can_read, request):
    user = request.getfixturevalue(who)
    session = access.get_supervision_session_for(user, told.pk)
    assert access.can_read_supervision_content(user, session) is can_read
    readable = access.supervision_sessions_for(user).filter(access.supervision_content_readable_by(user))
    assert readable.filter(pk=told.pk).exists() is can_read
    assert access.supervision_actions_for(user).exists() is can_read


def test_group_attendees_read_their_groups_content(home, supervisor, supervisee, colleague, manager):
    from tests.supervision.factories import make_session

    group = make_session(
        home=home,
        supervisor=supervisor,
        attendees=[supervisee, colleague],
        kind=SupervisionSession.Kind.REFLECTIVE_PRACTICE,
        coping_rating=None,
    )
    group = access.get_supervision_session_for(colleague, group.pk)
    assert access.can_read_supervision_content(colleague, group)
    assert not access.can_read_supervision_content(manager, group)


# --- pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["supervisee", "supervisor", "clinical_lead"])
def test_the_people_in_the_room_read_it(client_for, told, who, request):
    page = client_for(request.getfixturevalue(who)).get(reverse("supervision_session_detail", args=[told.pk])).text
    for secret in SECRETS:
        assert secret in page


@pytest.mark.parametrize("who", ["manager", "administrator"])
def test_a_manager_sees_only_that_it_happened(client_for, told, who, request):
    page = client_for(request.getfixturevalue(who)).get(reverse("supervision_session_detail", args=[told.pk])).text
    assert_no_secrets(page)
    # date, kind, duration, attendance, next date
    assert f"{told.held_on:%-d %B %Y}" in page
    assert "Individual clinical supervision" in page
    assert "60 minutes" in page
    assert "Jess Whitfield" in page and "Tom Hughes" in page
    assert f"{told.next_on:%-d %b %Y}" in page
    assert "confidential" in page


@pytest.mark.parametrize("who", ["manager", "administrator"])
def test_no_other_page_a_manager_sees_shows_it(client_for, told, home, who, request):
    client = client_for(request.getfixturevalue(who))
    for url in [
        reverse("dashboard"),
        reverse("supervision_sessions", args=[home.pk]),
        reverse("supervision_compliance", args=[home.pk]),
        reverse("my_supervision"),
        reverse("home_detail", args=[home.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_secrets(response.text)


def test_the_session_is_not_in_the_admin_site():
    """Administrators use the admin site; it would show them everything."""
    for model in (SupervisionSession, WellbeingCheckIn):
        assert model not in admin.site._registry


# --- change history -----------------------------------------------------------------------


def _logged(session) -> str:
    entries = LogEntry.objects.all()
    return " ".join(f"{e.object_repr} {e.changes} {e.changes_text}" for e in entries)


def test_the_change_history_never_holds_the_content(told, supervisor, supervisee):
    services.supervision_session_update(
        session=told, attendees=[supervisee], notes=SECRET_NOTES + " More.", themes=["workload"], coping_rating=1
    )
    services.supervision_session_sign(session=told, user=supervisor)
    history = _logged(told)
    assert LogEntry.objects.get_for_object(told).exists()  # the session is audited...
    assert "next_on" in history  # ...with its facts
    assert_no_secrets(history)  # ...but never what was said
    assert "Workload" not in history and "workload" not in history
    assert "Really struggling" not in history


# --- exports ------------------------------------------------------------------------------


def test_the_compliance_csv_has_no_content(client_for, told, home, manager):
    response = client_for(manager).get(reverse("supervision_compliance_csv", args=[home.pk]))
    assert response["Content-Type"] == "text/csv"
    text = response.content.decode("utf-8-sig")
    assert "Jess Whitfield" in text and f"{told.held_on:%d/%m/%Y}" in text
    assert_no_secrets(text)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_compliance_pdf_has_no_content(client_for, told, home, manager):
    response = client_for(manager).get(reverse("supervision_compliance_pdf", args=[home.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Jess Whitfield" in text and "Supervision compliance" in text
    assert_no_secrets(text)


def test_the_evidence_pack_section_has_no_content(told, home):
    files = dict(evidence_sections["supervision"].files(home, today() - datetime.timedelta(days=180), today()))
    assert set(files) == {"supervision-compliance.csv", "supervision-compliance.pdf"}
    texts = [files["supervision-compliance.csv"].decode("utf-8-sig"), pdf_text(files["supervision-compliance.pdf"])]
    for text in texts:
        assert "Jess Whitfield" in text
        assert_no_secrets(text)


# --- wellbeing ----------------------------------------------------------------------------


def test_a_wellbeing_note_is_for_the_person_and_their_supervisor(
    client_for, told, home, supervisee, manager, colleague
):
    SupervisionArrangementFactory(person=supervisee, supervisor=told.supervisor, home=home)
    WellbeingCheckIn.objects.create(person=supervisee, home=home, score=1, private_note="I cried in the car today")
    assert "I cried in the car today" in client_for(told.supervisor).get(reverse("my_supervision")).text
    for other in (manager, colleague):
        assert "I cried in the car today" not in client_for(other).get(reverse("my_supervision")).text
        assert not access.wellbeing_checkins_for(other).exists()
    page = client_for(manager).get(reverse("supervision_compliance", args=[home.pk])).text
    assert "I cried in the car today" not in page
    assert "too few responses to show" in page
    assert list(access.wellbeing_checkins_for(supervisee)) == list(WellbeingCheckIn.objects.all())


def test_wellbeing_check_ins_are_not_in_the_change_history(home, supervisee):
    WellbeingCheckIn.objects.create(person=supervisee, home=home, score=1, private_note="Private words")
    assert not LogEntry.objects.filter(changes_text__contains="Private words").exists()
    assert "Private words" not in _logged(None)
