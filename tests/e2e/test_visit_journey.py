"""Regulation 44 in a real browser (issue 12, item 10): the independent visitor opens a visit,
reads the incident log and a consenting child's record, files the report; the manager responds
to a recommendation; the responsible individual sees the open action on the overview. And the
visitor's pages pass axe."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from homes.models import User
from tests.factories import PASSWORD, UserFactory
from tests.safeguarding.incident_factories import make_incident
from tests.visits.factories import visitor_for
from visits.models import Recommendation, Visit, VisitChild, VisitReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_visitor_files_the_manager_responds_the_ri_sees_it(page, live_server, log_in, home, manager, staff, child):
    from axe_playwright_python.sync_playwright import Axe

    from tests.e2e.test_accessibility import describe, serious_violations

    make_incident(child)
    visitor = visitor_for(home, full_name="Martin Oyelaran")
    ri = UserFactory(full_name="Helen Marsh", provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    axe, found = Axe(), []

    log_in(visitor.email, PASSWORD)
    page.locator("#panel-visits").get_by_role("button", name=f"Start today's visit to {home.name}").click()
    expect(page.get_by_role("heading", name=f"Visit to {home.name}")).to_be_visible()
    visit = Visit.objects.get(visitor=visitor)
    found += serious_violations(axe, page, "visit")
    page.get_by_label("Child", exact=True).select_option(label=child.preferred_name)
    page.get_by_label("They agreed to me reading their case record").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name=f"Read {child.preferred_name}'s case record").click()
    expect(page.get_by_text("Threw a mug at the kitchen wall")).to_be_visible()
    found += serious_violations(axe, page, "case record")
    page.get_by_role("link", name=home.name).click()
    page.get_by_role("link", name="Incidents").click()
    expect(page.get_by_role("heading", name=f"Incidents at {home.name}")).to_be_visible()
    found += serious_violations(axe, page, "incidents")
    page.goto(f"{live_server.url}{reverse('visit_detail', args=[visit.pk])}")

    page.get_by_role("link", name="Write your report").click()
    page.get_by_label(staff.full_name).check()
    page.get_by_label("What you looked at").fill("The incident log and Siobhán's record, with her agreement.")
    page.locator("#id_safeguarded_0").check()
    page.locator("#id_wellbeing_promoted_1").check()
    page.locator("#id_safeguarded_notes").fill("Staff knew what helps each child.")
    found += serious_violations(axe, page, "report form")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Recommendation", exact=True).fill("Repair the garden fence so the children can play outside.")
    page.get_by_role("button", name="Save the recommendation").click()
    expect(page.get_by_text("The recommendation is added")).to_be_visible()
    page.get_by_role("button", name="Sign and submit the report").click()
    expect(page.get_by_text("The report is signed")).to_be_visible()
    found += serious_violations(axe, page, "report")
    report = VisitReport.objects.get(visit=visit)
    assert report.is_signed and VisitChild.objects.get(visit=visit).consent_to_records

    page.context.clear_cookies()
    log_in(manager.email, PASSWORD)
    page.get_by_role("link", name="What's due").click()
    page.get_by_role("link", name=f"Respond to the independent visitor: {home.name}").click()
    page.get_by_role("link", name="Respond to recommendation 1").click()
    page.get_by_label("What will be done").fill("Three quotes this week; the fence repaired by the end of the month.")
    page.get_by_label("Who will do it").select_option(label=staff.full_name)
    page.locator("#id_due_on").fill((timezone.localdate() + datetime.timedelta(days=21)).isoformat())
    found += serious_violations(axe, page, "response form")
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_text("Your response is saved")).to_be_visible()
    page.goto(f"{live_server.url}{reverse('visit_reports_home', args=[home.pk])}")
    found += serious_violations(axe, page, "home's visits")
    assert Recommendation.objects.get().owner == staff

    page.context.clear_cookies()
    log_in(ri.email, PASSWORD)
    page.get_by_role("link", name="All homes").click()
    expect(page.get_by_role("columnheader", name="Visitor's actions open")).to_be_visible()
    cell = page.get_by_role("row").filter(has_text=home.name).locator('td[data-trend="visit-actions"]')
    expect(cell.locator("span.fw-semibold")).to_have_text("1")
    assert not found, describe(found)
