"""A shared iPad: the warning before the session ends, drafts that survive a timeout and come
back after logging in (to the same person only), logging out that clears them, switching user
from a signing form."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from children.models import KeyWorkingSession
from homes.models import Membership
from homes.session_limits import LAST_ACTIVITY
from tests.factories import PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD_VOICE = "I want to ring my nan on Sunday, not Saturday."


def end_every_session(settings) -> None:
    """As if everyone had been idle past the limit (the clocks moved back, no sleeping)."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for row in Session.objects.all():
        session = store(session_key=row.session_key)
        session[LAST_ACTIVITY] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 1
        session.save()


def log_in_here(page, email: str) -> None:
    """Log in on the login page the browser is on (keeping its ?next=), as care staff (no
    second factor by default)."""
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def drafts_on_device(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hearth-draft:'))")


def start_key_working(page, child) -> None:
    started = timezone.localtime(timezone.now() - datetime.timedelta(minutes=50)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date and time").fill(started)
    page.get_by_label("Length (minutes)").fill("40")
    page.get_by_label("Topic").fill("Phone calls home")
    page.get_by_label(f"In {child.preferred_name}'s words").fill(CHILD_VOICE)
    page.get_by_role("group", name="How regulated before").get_by_text("2 · Having a hard time").click()
    page.get_by_role("group", name="How regulated after").get_by_text("4 · Mostly settled").click()


def test_the_warning_comes_before_the_idle_limit_and_stay_logged_in_keeps_the_session(
    page, live_server, log_in, settings, staff
):
    settings.SESSION_IDLE_SECONDS = 6
    settings.SESSION_WARNING_SECONDS = 3
    log_in(staff.email, PASSWORD)
    warning = page.get_by_role("alertdialog")
    warning.wait_for(timeout=6_000)
    assert "You will be logged out in 3 seconds to keep children's records safe." in warning.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Stay logged in"

    page.get_by_role("button", name="Stay logged in").click()
    warning.wait_for(state="hidden", timeout=2_000)
    assert page.url == f"{live_server.url}/"  # still here, still signed in

    # Left alone, the page gives way to the login page, which comes back here afterwards.
    warning.wait_for(timeout=6_000)
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=%2F", timeout=8_000)
    assert page.get_by_text("You were logged out after 6 seconds without activity").is_visible()
    log_in_here(page, staff.email)
    page.wait_for_url(f"{live_server.url}/")


def test_near_the_absolute_limit_the_warning_cannot_offer_to_stay(page, live_server, log_in, settings, staff):
    settings.SESSION_ABSOLUTE_SECONDS = 6
    settings.SESSION_WARNING_SECONDS = 3
    log_in(staff.email, PASSWORD)
    warning = page.get_by_role("alertdialog")
    warning.wait_for(timeout=6_000)
    assert "You have been logged in for 6 seconds" in warning.inner_text()
    assert page.get_by_role("button", name="Stay logged in").count() == 0
    page.wait_for_url("**/accounts/login/?next=%2F", timeout=8_000)
    assert page.get_by_text("You were logged out 6 seconds after logging in").is_visible()


def test_what_was_typed_survives_a_timeout_and_is_restored_after_logging_in(
    page, live_server, log_in, settings, staff, child
):
    form_url = f"{live_server.url}{reverse('key_working_add', args=[child.pk])}"
    log_in(staff.email, PASSWORD)
    page.goto(form_url)
    start_key_working(page, child)
    end_every_session(settings)

    page.get_by_role("button", name="Sign and save").click()
    page.wait_for_url(f"**/accounts/login/?next=/children/{child.pk}/key-working/new/")
    assert page.get_by_text("what you typed is kept on this device").is_visible()
    assert not KeyWorkingSession.objects.exists()

    log_in_here(page, staff.email)
    page.wait_for_url(form_url)
    assert page.get_by_text("We restored what you typed on").is_visible()
    assert page.get_by_label(f"In {child.preferred_name}'s words").input_value() == CHILD_VOICE
    assert page.get_by_label("Topic").input_value() == "Phone calls home"
    assert page.locator('input[name="regulation_after"][value="4"]').is_checked()
    assert page.get_by_text(f"Signing as {staff.full_name}").is_visible()

    page.get_by_role("button", name="Sign and save").click()
    page.get_by_text("signed and saved").wait_for()
    assert KeyWorkingSession.objects.get().child_voice == CHILD_VOICE
    assert drafts_on_device(page) == []  # the saved form's draft is gone

    page.goto(form_url)
    assert page.get_by_label(f"In {child.preferred_name}'s words").input_value() == ""
    assert page.get_by_text("We restored what you typed").count() == 0


def test_a_draft_is_restored_only_for_its_author_and_discard_drops_it(
    page, live_server, log_in, settings, staff, home, child
):
    colleague = member(home, Membership.Role.CARE_STAFF, full_name="Ffion Jones")
    form_url = f"{live_server.url}{reverse('key_working_add', args=[child.pk])}"
    log_in(staff.email, PASSWORD)
    page.goto(form_url)
    page.get_by_label("Topic").fill("Jess's unfinished note")
    end_every_session(settings)

    page.goto(form_url)  # the next person picks up the iPad
    page.wait_for_url("**/accounts/login/**")
    log_in_here(page, colleague.email)
    page.wait_for_url(form_url)
    assert page.get_by_label("Topic").input_value() == ""
    assert page.get_by_text("We restored what you typed").count() == 0
    assert len(drafts_on_device(page)) == 1  # Jess's, kept for her

    page.get_by_role("button", name="Switch user").click()
    page.wait_for_url("**/accounts/login/?next=**")
    log_in_here(page, staff.email)
    page.wait_for_url(form_url)
    assert page.get_by_label("Topic").input_value() == "Jess's unfinished note"
    page.get_by_role("button", name="Discard").click()
    assert page.get_by_label("Topic").input_value() == ""
    assert drafts_on_device(page) == []


def test_logging_out_clears_the_persons_drafts_but_a_colleagues_stay(page, live_server, log_in, staff, home, child):
    colleague = member(home, Membership.Role.CARE_STAFF)
    page.goto(f"{live_server.url}/")
    theirs = f"hearth-draft:{colleague.pk}:/elsewhere/"
    page.evaluate(f"localStorage.setItem('{theirs}', JSON.stringify({{at: Date.now(), fields: {{topic: 'x'}}}}))")
    log_in(staff.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('activity_log', args=[child.pk])}")
    page.get_by_label("Note").fill("Baked flapjacks together")
    assert len(drafts_on_device(page)) == 2
    key = f"hearth-draft:{staff.pk}:{reverse('activity_log', args=[child.pk])}"
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('{key}')).fields")
    assert kept == {"note": "Baked flapjacks together"}  # only what was typed: no CSRF token, no defaults

    page.goto(f"{live_server.url}{reverse('evidence_access')}")  # opted out: an access code is never kept
    page.get_by_label("Access code").fill("ABCD-EFGH")
    assert len(drafts_on_device(page)) == 2

    page.get_by_role("button", name=staff.full_name).click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    assert drafts_on_device(page) == [theirs]


def test_rows_added_with_add_another_come_back_with_the_draft(page, live_server, log_in, manager, child):
    from tests.children.factories import CarePlanFactory

    plan = CarePlanFactory(child=child)
    log_in(manager.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('care_plan_edit', args=[plan.pk])}")
    titles = page.get_by_label("Goal", exact=True)
    rows = titles.count()
    page.get_by_role("button", name="Add another").click()
    titles.nth(rows).fill("Try the climbing wall")

    page.reload()  # as after a timeout and logging in again: the page knows only its saved rows
    page.get_by_text("We restored what you typed on").wait_for()
    assert titles.count() == rows + 1
    assert titles.nth(rows).input_value() == "Try the climbing wall"
