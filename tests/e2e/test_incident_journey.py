"""Issue 10's journey on an iPad: care staff record a physical intervention (the police were called)
and a body-map mark; the manager countersigns inside the 48-hour window of Regulation 35(3)(b), sees
the Regulation 40 prompt and follows it to start the notification."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from safeguarding.catalogue import ensure_catalogue
from safeguarding.models import BodyMap, Incident, Notification, PhysicalIntervention
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at(minutes_ago: int) -> str:
    return timezone.localtime(timezone.now() - datetime.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M")


def test_care_staff_record_a_hold_with_a_body_map_mark_and_the_manager_countersigns_and_notifies(
    page, live_server, log_in, staff, manager, child
):
    # An earlier browser test's flush empties what the data migrations loaded: put it back.
    ensure_catalogue()
    import_module("safeguarding.migrations.0004_notification_categories").seed(apps, None)
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("link", name="Record an incident").first.click()

    page.get_by_label("When it happened").fill(_at(40))
    page.get_by_label("Where it happened").fill("Garden")
    page.get_by_role("checkbox", name="Physical intervention").check()
    page.get_by_role("checkbox", name="Police called").check()
    page.get_by_label("What happened").fill("Climbed onto the shed roof and would not come down.")
    page.get_by_label("What led up to it").fill("A phone call from dad was cancelled.")
    page.get_by_label("What Siobhán seemed to be communicating").fill("That she felt let down and unsafe.")
    page.get_by_label("What staff did to help Siobhán regulate").fill("Calm voice, space, her blanket.")
    page.get_by_label("Outcome").fill("Safe and settled indoors with a hot chocolate.")
    page.get_by_label("Siobhán's view, in their words").fill("I wanted someone to notice.")
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_role("heading", name="Record the physical intervention").wait_for()
    page.get_by_label("Hold or technique used").select_option(label="Guide or escort (one adult)")
    page.get_by_label("Hold started").fill(_at(35))
    page.get_by_label("Hold ended").fill(_at(32))
    page.get_by_role("group", name="Who held").get_by_label(staff.full_name).check()
    page.get_by_label("Why a hold was needed").fill("She was slipping towards the edge of the roof.")
    page.get_by_label("What was tried first").fill("Talking her down, a ladder held steady, offering a hand.")
    page.get_by_label("How effective it was, and its consequences").fill("Down safely; calm within minutes.")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_text("is signed and saved").wait_for()
    incident = Incident.objects.get()
    hold = PhysicalIntervention.objects.get()
    assert hold.duration_minutes == 3 and hold.author == staff and not hold.recorded_late

    page.get_by_role("link", name="Record a body map for Siobhán").click()
    page.get_by_label("Where on the body").select_option("front:left_forearm")
    page.get_by_text("Bruise", exact=True).click()
    page.get_by_label("Size").fill("2 cm")
    page.get_by_label("What it looks like").fill("Red, not raised.")
    page.get_by_label("How it happened, as far as known").fill("Caught on the shed gutter.")
    page.get_by_label("Who saw it").fill(staff.full_name)
    page.get_by_role("button", name="Sign and save").click()
    page.get_by_text("signed and saved").wait_for()
    body_map = BodyMap.objects.get()
    assert body_map.incident == incident and body_map.marks.count() == 1

    page.get_by_role("button", name=staff.full_name).click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/")
    log_in(manager.email, PASSWORD)
    page.locator(f'#panel-incidents-to-countersign a[href="/incidents/{incident.pk}/"]').click()
    page.get_by_role("link", name="Review and countersign").click()
    expect(page.get_by_text("Regulation 35(3)(b)").first).to_be_visible()
    page.get_by_label("Your review").fill("Spoke with Jess and with Siobhán this morning; plan updated.")
    page.get_by_label("I have spoken with the staff who used the hold").check()
    page.get_by_label("I have spoken with the child about the hold").check()
    page.get_by_role("button", name="Countersign").click()
    page.get_by_text("countersigned and closed").wait_for()
    assert page.get_by_text("Done in time").first.is_visible()
    incident.refresh_from_db()
    assert incident.countersigned_by == manager
    assert incident.countersigned_at <= hold.review_due

    # The police were called: the countersigned incident prompts the Regulation 40 notification.
    prompt = page.get_by_role("region", name="This may need a Regulation 40 notification")
    assert prompt.get_by_text("A serious incident involving the police").is_visible()
    prompt.locator('a[href*="category=police-serious"]', has_text="Notify").click()
    page.get_by_role("heading", name="Start a Regulation 40 notification").wait_for()
    assert page.get_by_role("radio", name="A serious incident involving the police").is_checked()
    page.get_by_label("When the home knew").fill(_at(30))
    page.get_by_label("What the home has done").fill("Siobhán is safe; the placing authority was told by phone.")
    page.get_by_role("button", name="Draft the notification").click()
    page.get_by_text("The notification is drafted").wait_for()
    notification = Notification.objects.get()
    assert notification.source == incident and notification.category.code == "police-serious"
