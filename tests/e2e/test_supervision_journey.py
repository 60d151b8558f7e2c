import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from homes.models import Membership
from supervision.models import SupervisionSession, WellbeingCheckIn
from tests.factories import PASSWORD
from tests.supervision.factories import staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_records_a_session_and_the_supervisee_signs_it(page, live_server, log_in, home):
    supervisor = staff_member(home, Membership.Role.DEPUTY_MANAGER, full_name="Tom Hughes")
    supervisee = staff_member(home, full_name="Jess Whitfield")
    today = timezone.localdate()

    log_in(supervisor.email, PASSWORD)
    page.locator("#panel-supervision-compliance").get_by_role("link", name=home.name, exact=True).click()
    page.get_by_role("link", name="Record a session").click()
    page.locator("#id_held_on").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Duration (minutes)").fill("50")
    page.get_by_label("Jess Whitfield").check()
    page.get_by_label("Workload").check()
    page.get_by_label("Emotional impact of the work").check()
    page.get_by_label("How the supervisee says they are coping").select_option(label="4 · Coping well")
    page.get_by_label("Confidential notes").fill("Rotas feel heavy; agreed to swap two late shifts.")
    page.locator("#id_next_on").fill((today + datetime.timedelta(days=27)).isoformat())
    page.get_by_role("button", name="Record session").click()
    page.get_by_text("The session is recorded").wait_for()

    page.get_by_label("Description").fill("Ask the manager about the rota swap")
    page.get_by_label("Owner").select_option(label="Jess Whitfield")
    page.locator("#id_due_on").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Add action").click()
    page.get_by_text("Action added").wait_for()
    page.get_by_role("button", name="Sign this record").click()
    page.get_by_text("You have signed the record").wait_for()
    assert not page.get_by_role("link", name="Edit this record").is_visible()

    page.context.clear_cookies()
    log_in(supervisee.email, PASSWORD)
    panel = page.locator("#panel-my-supervision")
    assert "1 record" in panel.inner_text()
    panel.get_by_role("link", name="1 record").click()
    expect(page.locator("main")).to_contain_text("Ask the manager about the rota swap")
    page.get_by_role(
        "link", name=f"Individual clinical supervision on {today - datetime.timedelta(days=1):%-d %b %Y}"
    ).click()
    expect(page.get_by_text("Rotas feel heavy")).to_be_visible()  # waits for the page the link opens
    page.get_by_role("button", name="Sign this record").click()
    page.get_by_text("You have signed the record").wait_for()

    session = SupervisionSession.objects.get()
    assert session.is_fully_signed
    assert session.attendances.get().person == supervisee
    assert session.actions.get().owner == supervisee


def test_a_check_in_takes_one_tap(page, live_server, log_in, home):
    person = staff_member(home, full_name="Ffion Jones")
    log_in(person.email, PASSWORD)
    page.get_by_role("link", name="Check in: how are you?").click()
    page.get_by_role("button", name="4: Good").click()
    page.get_by_text("Thank you for checking in").wait_for()
    checkin = WellbeingCheckIn.objects.get()
    assert (checkin.person, checkin.home, checkin.score) == (person, home, 4)
