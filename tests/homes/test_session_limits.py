"""Sessions fit a shared iPad: idle and absolute limits from the environment, activity that
counts (and polling that does not), the keep-alive, login returning to the page, successful
posts marked for drafts.js, and no-store on every record page and download."""

import re
import time
from urllib.parse import quote

import pytest
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages import get_messages
from django.urls import reverse

from homes.session_limits import (
    ABSOLUTE_ENDED,
    FORM_SAVED_COOKIE,
    IDLE_ENDED,
    LAST_ACTIVITY,
    LOGIN_AT,
    describe_duration,
)
from tests.children.test_key_working_views import form_data
from tests.factories import PASSWORD
from tests.test_settings import ROOT, load_settings
from tests.tracker.factories import LAST_MONTH

IDLE = 30 * 60
ABSOLUTE = 12 * 3600


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.SESSION_IDLE_SECONDS = IDLE
    settings.SESSION_ABSOLUTE_SECONDS = ABSOLUTE


def set_clocks(client, *, idle_ago: float = 0, logged_in_ago: float = 0) -> None:
    """Move the session's clocks back instead of sleeping."""
    session = client.session
    now = time.time()
    session[LAST_ACTIVITY] = int(now - idle_ago)
    session[LOGIN_AT] = int(now - logged_in_ago)
    session.save()


def login_redirect(next_url: str) -> str:
    return redirect_to_login(next_url)["Location"]


# --- the limits --------------------------------------------------------------------------------


def test_a_page_within_the_idle_limit_is_shown(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE - 60, logged_in_ago=ABSOLUTE - 60)
    assert client.get(reverse("child_detail", args=[child.pk])).status_code == 200


def test_after_the_idle_limit_the_person_is_logged_out_and_returns_to_the_page(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE + 1)
    url = reverse("child_detail", args=[child.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == login_redirect(url)
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert IDLE_ENDED.format(duration="30 minutes").replace("'", "&#x27;") in page.text


def test_after_the_absolute_limit_the_person_is_logged_out_however_active(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=5, logged_in_ago=ABSOLUTE + 1)
    response = client.get(reverse("child_detail", args=[child.pk]))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [ABSOLUTE_ENDED.format(duration="12 hours")]


def test_logging_in_starts_both_clocks(client, staff):
    before = int(time.time())
    response = client.post(reverse("login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[LOGIN_AT] >= before
    assert client.session[LAST_ACTIVITY] >= before


def test_a_page_request_counts_as_activity(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE - 60)
    client.get(reverse("child_detail", args=[child.pk]))
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 2


def test_activity_is_written_at_most_once_a_minute_so_pages_do_not_save_the_session(client_for, staff, child):
    """Issue 14: moving the idle clock by a few seconds made every page save the session (an
    UPDATE and a COMMIT). Within a minute of the last write the clock stays; after it, it moves."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    set_clocks(client, idle_ago=30)
    before = client.session[LAST_ACTIVITY]
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("child_detail", args=[child.pk]))
    assert client.session[LAST_ACTIVITY] == before
    assert not [q for q in queries if q["sql"].startswith('UPDATE "django_session"')]
    set_clocks(client, idle_ago=61)
    client.get(reverse("child_detail", args=[child.pk]))
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 2
    set_clocks(client, idle_ago=30)  # "Stay logged in" is the person asking: always written
    client.post(reverse("session_keep_alive"))
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 2


def test_the_assessment_autosave_counts_as_activity(client_for, home, child):
    """An autosave is the person working."""
    from homes.models import Membership
    from tests.assessments.factories import make_assessment
    from tests.factories import member

    assessor = member(home, Membership.Role.ASSESSOR)
    assessment = make_assessment(child, assessor)
    client = client_for(assessor)
    set_clocks(client, idle_ago=IDLE - 60)
    response = client.post(
        reverse("assessment_autosave", args=[assessment.pk]),
        {
            "assessed_on": assessment.assessed_on.isoformat(),
            "notes": "Calmer this week",
            "revision": assessment.revision,
        },
    )
    assert response.status_code == 200
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 2


def test_progress_polling_does_not_keep_a_session_alive(client_for, manager, home):
    """A page left open polling pack progress is not the person working."""
    client = client_for(manager)
    set_clocks(client, idle_ago=IDLE - 60)
    before = client.session[LAST_ACTIVITY]
    url = reverse("home_month_progress", kwargs={"home_id": home.pk, "month": LAST_MONTH})
    assert client.get(url).status_code == 200
    assert client.session[LAST_ACTIVITY] == before

    set_clocks(client, idle_ago=IDLE + 1)
    assert client.get(url).status_code == 302  # and it does not outlive the limit either


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SESSION_IDLE_MINUTES": "half an hour"}, "SESSION_IDLE_MINUTES='half an hour' is not a whole number"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES=0 must be a whole number above zero"),
        ({"SESSION_ABSOLUTE_HOURS": "-1"}, "SESSION_ABSOLUTE_HOURS=-1 must be a whole number above zero"),
    ],
)
def test_limits_in_the_environment_are_read_strictly(env, message):
    result = load_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_limits_come_from_the_environment():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_IDLE_SECONDS, s.SESSION_ABSOLUTE_SECONDS, s.SESSION_COOKIE_AGE, s.SESSION_WARNING_SECONDS)"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "HEARTH_VAR_DIR": str(ROOT / "var")}
    for name, value in (("SESSION_IDLE_MINUTES", "15"), ("SESSION_ABSOLUTE_HOURS", "8")):
        env[name] = value
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["900", "28800", "28800", "60"]


def test_durations_read_naturally():
    assert [describe_duration(s) for s in (60, 1800, 3600, 43200, 90, 1)] == [
        "1 minute",
        "30 minutes",
        "1 hour",
        "12 hours",
        "90 seconds",
        "1 second",
    ]


# --- the keep-alive and the status the warning asks --------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "assessor", "administrator", "other_manager"])
def test_stay_logged_in_touches_the_session_for_anyone_signed_in(request, client_for, person):
    """Not a record of any home: everyone signed in may keep their own session alive."""
    client = client_for(request.getfixturevalue(person))
    set_clocks(client, idle_ago=IDLE - 30, logged_in_ago=3600)
    response = client.post(reverse("session_keep_alive"))
    assert response.status_code == 200
    assert response.json()["idle_seconds_left"] >= IDLE - 2
    assert ABSOLUTE - 3600 - 2 <= response.json()["absolute_seconds_left"] <= ABSOLUTE - 3600
    assert client.session[LAST_ACTIVITY] >= int(time.time()) - 2


def test_the_status_says_what_is_left_without_touching_the_session(client_for, staff):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE - 50)
    before = client.session[LAST_ACTIVITY]
    response = client.get(reverse("session_status"))
    assert response.status_code == 200
    assert 45 <= response.json()["idle_seconds_left"] <= 50
    assert client.session[LAST_ACTIVITY] == before


def test_the_keep_alive_cannot_revive_an_ended_session(client_for, staff):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE + 1)
    response = client.post(reverse("session_keep_alive"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_session_endpoints_answer_only_their_method(client_for, staff, client):
    signed_in = client_for(staff)
    assert signed_in.get(reverse("session_keep_alive")).status_code == 405
    assert signed_in.post(reverse("session_status")).status_code == 405
    assert client.post(reverse("session_keep_alive")).status_code == 302  # nobody signed in


def test_pages_carry_the_warning_with_the_time_left(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, logged_in_ago=ABSOLUTE - 600)
    page = client.get(reverse("child_detail", args=[child.pk])).text
    assert 'role="alertdialog"' in page
    assert "You will be logged out in 1 minute to keep children's records safe." in page
    # The idle clock restarts with this request; a slow machine may tick a second before the page.
    idle_left = int(re.search(r'data-idle-seconds-left="(\d+)"', page).group(1))
    assert IDLE - 5 <= idle_left <= IDLE
    absolute_left = int(re.search(r'data-absolute-seconds-left="(\d+)"', page).group(1))
    assert 595 <= absolute_left <= 600
    assert "Stay logged in" in page
    assert "<script>" not in page.replace("<script src=", "")  # values in data attributes, no inline script


# --- who is signed in, for drafts.js ------------------------------------------------------------


def test_pages_name_the_person_by_id_for_their_drafts(client_for, staff, child, client):
    page = client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert f'<meta name="hearth-person" content="{staff.pk}">' in page
    assert staff.full_name not in page.split("</head>")[0]
    assert 'id="logout-form" data-logout' in page
    assert "js/drafts.js" in page
    assert "hearth-person" not in client.get(reverse("login")).text


# --- login returns to the page the person was on ----------------------------------------------


def test_a_post_after_the_session_ended_returns_to_its_form_after_login(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE + 1)
    url = reverse("key_working_add", args=[child.pk])
    response = client.post(url, form_data(staff))
    assert response.status_code == 302
    assert response["Location"] == login_redirect(url)
    assert not child.key_working_sessions.exists()  # nothing half-saved; the draft is in the browser

    again = client.post(response["Location"], {"username": staff.email, "password": PASSWORD, "next": url})
    assert again["Location"] == url


def test_a_post_to_another_address_returns_to_the_page_the_form_was_on(client_for, staff, child):
    """Signing a review posts to a POST-only address: after login the person goes back to the
    review page, not to a 405."""
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE + 1)
    page = reverse("activity_log", args=[child.pk]) + "?kind=meal&date=2026-11-30"
    response = client.post(reverse("supervision_session_sign", args=[1]), HTTP_REFERER=f"http://testserver{page}")
    assert response["Location"] == login_redirect(page)


@pytest.mark.parametrize("referer", ["", "https://evil.example/children/1/", "http://testserver/accounts/login/"])
def test_without_a_page_of_ours_to_return_to_login_keeps_djangos_next(client, referer):
    url = reverse("supervision_session_sign", args=[1])
    response = client.post(url, HTTP_REFERER=referer)
    assert response["Location"] == login_redirect(url)


def test_logging_out_does_not_send_the_next_person_to_the_last_page(client_for, staff, child):
    response = client_for(staff).post(reverse("logout"), HTTP_REFERER=f"http://testserver/children/{child.pk}/")
    assert response["Location"] == reverse("login")


def test_switch_user_logs_out_and_returns_to_the_page_after_login(client_for, staff, child):
    page = reverse("key_working_add", args=[child.pk])
    client = client_for(staff)
    response = client.post(reverse("logout"), {"next": login_redirect(page)})
    assert response["Location"] == login_redirect(page)
    assert "_auth_user_id" not in client.session


# --- a successful post clears its draft --------------------------------------------------------


def test_a_saved_form_is_marked_for_its_draft_to_be_cleared(client_for, staff, child):
    url = reverse("key_working_add", args=[child.pk])
    response = client_for(staff).post(url, form_data(staff))
    assert response.status_code == 302
    assert response.cookies[FORM_SAVED_COOKIE].value == f"{staff.pk}:{quote(url, safe='')}"
    assert response.cookies[FORM_SAVED_COOKIE]["max-age"] == 300


def test_marks_of_earlier_saves_are_kept_until_a_page_reads_them(client_for, staff, child):
    client = client_for(staff)
    first = reverse("activity_log", args=[child.pk])
    client.cookies[FORM_SAVED_COOKIE] = f"{staff.pk}:{quote(first, safe='')}"
    url = reverse("key_working_add", args=[child.pk])
    response = client.post(url, form_data(staff))
    assert response.cookies[FORM_SAVED_COOKIE].value == (
        f"{staff.pk}:{quote(first, safe='')},{staff.pk}:{quote(url, safe='')}"
    )


def test_a_form_returned_with_errors_keeps_its_draft(client_for, staff, child):
    response = client_for(staff).post(reverse("key_working_add", args=[child.pk]), form_data(staff, topic=""))
    assert response.status_code == 200
    assert FORM_SAVED_COOKIE not in response.cookies


def test_a_post_refused_with_an_error_message_keeps_its_draft(client_for, manager, assessor, child):
    """A redirect is not always a success: here, a second signature is refused with a message."""
    from tests.tracker.factories import MeetingFactory, TrackerFactory

    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor)
    client = client_for(manager)
    signed = client.post(reverse("meeting_sign", args=[tracker.pk]))
    assert signed.status_code == 302 and FORM_SAVED_COOKIE in signed.cookies
    meeting.refresh_from_db()
    assert meeting.manager_signed_at is not None

    refused = client.post(reverse("meeting_sign", args=[tracker.pk]))
    assert refused.status_code == 302
    assert FORM_SAVED_COOKIE not in refused.cookies


def test_a_post_that_meets_an_ended_session_keeps_its_draft(client_for, staff, child):
    client = client_for(staff)
    set_clocks(client, idle_ago=IDLE + 1)
    response = client.post(reverse("key_working_add", args=[child.pk]), form_data(staff))
    assert FORM_SAVED_COOKIE not in response.cookies


# --- nothing of a record stays in a shared device's cache --------------------------------------


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_record_pages_are_not_stored(client_for, manager, child):
    client = client_for(manager)
    for url in (
        reverse("dashboard"),
        reverse("child_detail", args=[child.pk]),
        reverse("key_working_add", args=[child.pk]),
        reverse("home_detail", args=[child.home_id]),
    ):
        assert _no_store(client.get(url)), url


def test_csv_and_pdf_downloads_are_not_stored(client_for, manager, home, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(manager)
    csv = client.get(reverse("supervision_compliance_csv", args=[home.pk]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert _no_store(csv)
    pdf = client.get(reverse("supervision_compliance_pdf", args=[home.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert _no_store(pdf)


def test_pages_for_people_not_signed_in_are_not_stored_either(client):
    """The access-code page hands out evidence packs without a login."""
    assert _no_store(client.get(reverse("evidence_access")))
    assert _no_store(client.get(reverse("login")))
