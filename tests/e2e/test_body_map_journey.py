"""A body map on an iPad: a tap on the outline places the mark, the arrow keys do the same for
the keyboard, and the marks are stored as coordinates and drawn (issue 10, item 3)."""

import datetime

import pytest
from django.utils import timezone

from safeguarding.models import BodyMark
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_mark(page, kind: str, description: str) -> None:
    page.get_by_text(kind, exact=True).click()
    page.get_by_label("Size").fill("3 cm by 2 cm")
    page.get_by_label("What it looks like").fill(description)
    page.get_by_label("How it happened, as far as known").fill("Said she slipped on the stairs.")


def test_care_staff_tap_a_mark_then_add_one_with_the_keyboard(page, live_server, log_in, staff, child):
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("link", name="Record a body map").click()
    seen = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("When the marks were seen").fill(seen)

    front = page.locator('svg.body-map[data-side="front"]')
    box = front.bounding_box()
    scale = box["width"] / 100  # the outline's grid is 100 units wide
    front.click(position={"x": 24 * scale, "y": 80 * scale})
    page.get_by_text("Mark placed: Right forearm (front).").wait_for()
    assert page.get_by_label("Where on the body").input_value() == "front:right_forearm"
    _fill_mark(page, "Bruise", "Purple, not raised.")
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_text("signed and saved").wait_for()
    mark = BodyMark.objects.get()
    assert (mark.side, mark.region, mark.kind, mark.recorded_by) == ("front", "right_forearm", "bruise", staff)
    assert abs(float(mark.x) - 24) < 1.5 and abs(float(mark.y) - 80) < 1.5
    assert page.locator("g.body-map-mark").count() == 1

    page.get_by_role("link", name="Add another mark").click()
    back = page.locator('svg.body-map[data-side="back"]')
    back.focus()
    page.keyboard.press("ArrowUp")  # the first key places the marker on the upper back
    page.get_by_text("Mark placed: Upper back (back).").wait_for()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowDown")
    page.get_by_text("Mark placed: Lower back (back).").wait_for()
    _fill_mark(page, "Scratch", "A thin red line.")
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_text("The mark has been added").wait_for()
    added = BodyMark.objects.order_by("pk").last()
    assert (added.side, added.region, float(added.x), float(added.y)) == ("back", "abdomen", 50.0, 80.0)
    assert page.locator("g.body-map-mark").count() == 2
