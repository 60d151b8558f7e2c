"""Dashboards by role on an iPad (issue 13): a key worker logs key working from the dashboard in
two taps, and whoever is logged in is named in the bar on an iPad and on a phone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.models import KeyWorkingSession
from tests.factories import PASSWORD
from tests.utils import earlier_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_key_worker_logs_key_working_from_the_dashboard_in_two_taps(page, live_server, log_in, staff, child):
    log_in(staff.email, PASSWORD)
    log = page.get_by_role("link", name="Log key working for Siobhán")
    # In the first screen of an iPad in portrait: no scrolling before the first tap.
    box = log.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]

    log.click()  # tap one: the form
    page.wait_for_url(f"{live_server.url}{reverse('key_working_add', args=[child.pk])}")
    started = earlier_today(minutes=50).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date and time").fill(started)
    page.get_by_label("Length (minutes)").fill("30")
    page.get_by_label("Topic").fill("Missing home")
    page.get_by_label("In Siobhán's words").fill("Can we ring my nan tonight?")
    page.get_by_role("group", name="How regulated before").get_by_text("3 · Unsettled").click()
    page.get_by_role("group", name="How regulated after").get_by_text("5 · Calm and connected").click()
    page.get_by_role("button", name="Sign and save").click()  # tap two: saved
    page.get_by_text("signed and saved").wait_for()
    assert KeyWorkingSession.objects.get().author == staff

    page.goto(f"{live_server.url}/")
    key_children = page.get_by_role("region", name="Your key children")
    assert "Last key working: today" in " ".join(key_children.inner_text().split())


@pytest.mark.parametrize("width", [810, 375])
def test_the_person_is_named_in_the_bar_on_an_ipad_and_a_phone(page, live_server, log_in, staff, width):
    page.set_viewport_size({"width": width, "height": 1080})
    log_in(staff.email, PASSWORD)
    bar = page.get_by_role("navigation", name="Main")
    shown = [name for name in bar.get_by_text(staff.full_name).all() if name.is_visible()]
    assert len(shown) == 1, "the name is shown once, whether the menu is collapsed or not"
    box = shown[0].bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # The bar does not overflow the screen (the name is not pushed off it).
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_navigations_count_is_filled_in_once_the_page_has_loaded(page, log_in, manager, child):
    """Issue 14: no page waits on the count of what is due; the browser asks for it (under the
    Content-Security-Policy: a script of our own, no inline code) and shows it in the bar."""
    from tests.children.factories import CarePlanFactory, signed

    signed(CarePlanFactory(child=child, review_date=timezone.localdate() - datetime.timedelta(days=3)))
    log_in(manager.email, PASSWORD)
    badge = page.get_by_role("link", name="What's due").locator("[data-tasks-due]")
    badge.wait_for()
    assert badge.is_visible() and badge.inner_text().strip().split()[0].isdigit()
    assert int(badge.inner_text().split()[0]) >= 1
