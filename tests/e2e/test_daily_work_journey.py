import datetime

import pytest
from django.utils import timezone

from children.brain import Region
from children.models import Activity, KeyWorkingSession
from tests.children.factories import CarePlanFactory, GoalFactory, signed
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_care_worker_logs_key_working_and_two_activities_on_an_ipad(page, live_server, log_in, staff, child):
    goal = GoalFactory(plan=signed(CarePlanFactory(child=child)), title="Feel at home", region=Region.LIMBIC)
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("link", name="Log key working").click()

    started = timezone.localtime(timezone.now() - datetime.timedelta(minutes=50)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date and time").fill(started)
    page.get_by_label("Length (minutes)").fill("40")
    page.get_by_label("Topic").fill("Feeling homesick")
    page.get_by_label("In Siobhán's words").fill("I miss my mam's cooking. Can we make coddle?")
    page.get_by_role("group", name="How regulated before").get_by_text("2 · Having a hard time").click()
    page.get_by_role("group", name="How regulated after").get_by_text("4 · Mostly settled").click()
    page.get_by_text("Feel at home · Relational").click()
    page.get_by_label("Agreed follow-ups").fill("Cook coddle together on Saturday.")
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_text("signed and saved").wait_for()
    assert page.get_by_text("“I miss my mam's cooking. Can we make coddle?”").is_visible()
    assert page.get_by_text(f"Signed by {staff.full_name}").is_visible()
    session = KeyWorkingSession.objects.get()
    assert (session.author, session.child, session.regulation_before, session.regulation_after) == (staff, child, 2, 4)
    assert list(session.goals_worked_on.all()) == [goal]
    assert page.get_by_role("link", name="Feel at home").is_visible()

    page.get_by_role("link", name="Daily care").click()
    page.get_by_text("Enrichment activity", exact=True).click()
    page.get_by_role("button", name="60 min").click()
    page.get_by_text("Relational", exact=True).click()
    page.get_by_label("Note").fill("Walked the dog up to Heptonstall")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Added: Enrichment activity, 60 minutes").wait_for()

    # The type is remembered: only the length, domain and note change for the next one.
    assert page.locator('input[name="kind"][value="enrichment"]').is_checked()
    page.get_by_role("button", name="30 min").click()
    page.get_by_text("Cognitive", exact=True).click()
    page.get_by_label("Note").fill("Chess club at the library")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("Added: Enrichment activity, 30 minutes").wait_for()

    activities = Activity.objects.order_by("recorded_at")
    assert [(a.kind, a.duration_minutes, a.region) for a in activities] == [
        (Activity.Kind.ENRICHMENT, 60, "limbic"),
        (Activity.Kind.ENRICHMENT, 30, "cortex"),
    ]
    assert {a.recorded_by for a in activities} == {staff}
    assert page.get_by_role("cell", name="Chess club at the library").is_visible()
