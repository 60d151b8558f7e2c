"""The child's page on an iPad (issue 13): the work is in the first screen, and a key worker
reaches the key-working form in two taps from the dashboard."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from children.brain import Region
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    GoalFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    RiskAssessmentFactory,
    signed,
)
from tests.e2e.conftest import IPAD_PORTRAIT
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_WORDS = (
    "I liked it when we went to the river and nobody shouted. Can we go again on Saturday and take "
    "the dog? I want to show Mam the place with the big stones where I found the fossil."
)


def a_lived_in_record(child) -> None:
    """A child with a year's worth of the things that made the page tall: a plan with goals in
    every region, a risk assessment, key working in their words, activities, a school."""
    plan = signed(CarePlanFactory(child=child))
    for region in Region:
        GoalFactory.create_batch(2, plan=plan, region=region)
    signed(RiskAssessmentFactory(child=child))
    now = timezone.now()
    for days in range(1, 8):
        KeyWorkingSessionFactory(child=child, child_voice=LONG_WORDS, happened_at=now - datetime.timedelta(days=days))
    ActivityFactory.create_batch(6, child=child)
    ProvisionArrangementFactory(child=child)


def test_on_an_ipad_the_childs_actions_are_in_the_first_screen(page, live_server, log_in, staff, child):
    a_lived_in_record(child)
    log_in(staff.email, PASSWORD)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    assert page.viewport_size == IPAD_PORTRAIT
    for label in ("Log key working", "Add daily care", "Record attendance"):
        box = page.get_by_role("link", name=f"{label} for Siobhán").bounding_box()
        assert box is not None, label
        assert box["y"] + box["height"] <= IPAD_PORTRAIT["height"], f"{label} is below the first screen: {box}"
        assert box["height"] >= 44, f"{label} is not a large touch target: {box}"
    # The child's latest words are in the first screen too.
    assert page.get_by_role("heading", name="In Siobhán's words").bounding_box()["y"] < IPAD_PORTRAIT["height"]
    assert page.get_by_role("link", name="Overview", exact=True).get_attribute("aria-current") == "page"
    # Reflow: no sideways scrolling on the iPad.
    assert page.evaluate("document.documentElement.scrollWidth") <= IPAD_PORTRAIT["width"]
    if os.environ.get("HEARTH_SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["HEARTH_SCREENSHOT_DIR"], "child-page-ipad.png"))


def test_a_key_worker_reaches_the_key_working_form_in_two_taps_from_the_dashboard(
    page, live_server, log_in, staff, child
):
    log_in(staff.email, PASSWORD)  # lands on the dashboard
    page.locator(f'a[href="/children/{child.pk}/"]').first.click()  # tap 1: the child
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/")
    page.get_by_role("link", name="Log key working for Siobhán").click()  # tap 2: the action
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/key-working/new/")
    assert page.get_by_label("In Siobhán's words").is_visible()


def test_the_tabs_lead_to_the_record_with_the_open_one_marked(page, live_server, log_in, manager, child):
    signed(CarePlanFactory(child=child))
    log_in(manager.email, PASSWORD)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_role("link", name="Details", exact=True).click()
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/details/")
    assert page.get_by_role("link", name="Details", exact=True).get_attribute("aria-current") == "page"
    assert page.get_by_text("Siobhán Ní Bhriain").first.is_visible()
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("heading", name="Siobhán's plan")).to_be_visible()
    assert page.get_by_role("link", name="Plan", exact=True).get_attribute("aria-current") == "page"
    page.get_by_role("link", name="Brain map", exact=True).click()
    page.wait_for_url(f"{live_server.url}/children/{child.pk}/brain-map/")
    assert page.get_by_role("link", name="Brain map", exact=True).get_attribute("aria-current") == "page"


def test_the_childs_page_reflows_at_320_pixels(page, live_server, log_in, manager, child):
    """WCAG 1.4.10: nothing scrolls sideways on a narrow phone; the actions stack."""
    a_lived_in_record(child)
    log_in(manager.email, PASSWORD)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("", "details/"):
        page.goto(f"{live_server.url}/children/{child.pk}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    if os.environ.get("HEARTH_SCREENSHOT_DIR"):
        page.goto(f"{live_server.url}/children/{child.pk}/")
        page.screenshot(path=os.path.join(os.environ["HEARTH_SCREENSHOT_DIR"], "child-page-320.png"), full_page=True)
