import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from children.models import CarePlan
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_drafts_a_plan_signs_it_off_and_revises_it(page, live_server, log_in, manager, staff, child):
    log_in(manager.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("button", name="Start the first plan").click()
    page.get_by_text("has been started as a draft").wait_for()

    page.get_by_label("What matters to me").fill("My nan, and my dog Biscuit.")
    page.get_by_label("Review date").fill((timezone.localdate() + datetime.timedelta(days=90)).isoformat())
    page.get_by_label("Goal", exact=True).fill("Settle at bedtime")
    page.get_by_label("Brain-map domain").select_option(label="Self-regulation")
    page.get_by_label("What success looks like").fill("Asleep by ten most nights")
    page.get_by_label("Strategies for the adults").fill("Same routine, night light, calm voices")
    page.get_by_label("Who leads").select_option(label=staff.full_name)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("The draft plan has been saved").wait_for()

    page.get_by_role("button", name="Sign off").click()
    page.get_by_text("is signed off and is now the active plan").wait_for()
    assert page.get_by_text("read-only").is_visible()
    assert page.get_by_role("link", name="Edit draft").count() == 0
    assert page.get_by_text(f"Signed off by {manager.full_name}").is_visible()
    assert page.get_by_role("heading", name="Self-regulation").is_visible()

    page.get_by_role("button", name="Revise").click()
    page.get_by_text("Version 2 has been started as a draft").wait_for()
    titles = page.get_by_label("Goal", exact=True)
    assert titles.first.input_value() == "Settle at bedtime"
    assert titles.count() == 2  # the carried goal and one blank row
    page.get_by_role("button", name="Add another").click()
    expect(titles).to_have_count(3)
    plans = CarePlan.objects.filter(child=child).order_by("version")
    assert [(p.version, p.status) for p in plans] == [(1, "active"), (2, "draft")]
    assert plans[1].goals.get().thread_id == plans[0].goals.get().thread_id
