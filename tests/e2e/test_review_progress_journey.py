"""A manager watches the month's meeting packs being built, without reloading the page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from homes.models import Membership
from tests.factories import PASSWORD, ChildFactory, member
from tests.tracker.factories import LAST_MONTH, TrackerFactory
from tracker.models import ReviewReport
from tracker.services.report import report_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_packs_progress_updates_live_then_the_page_shows_each_pack(
    page, live_server, log_in, manager, home, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assessor = member(home, Membership.Role.ASSESSOR)
    reports = [
        ReviewReport.objects.create(
            tracker=TrackerFactory(child=ChildFactory(home=home, preferred_name=name, assessor=assessor)),
            kind=ReviewReport.Kind.MEETING_PACK,
        )
        for name in ("Siobhán", "Zoë")
    ]
    log_in(manager.email, PASSWORD)
    page.goto(live_server.url + reverse("home_month", args=[home.pk, LAST_MONTH]))
    label = page.locator("[data-progress-label]")
    assert label.inner_text() == "0 of 2 ready"
    page.evaluate("window.notReloaded = true")

    report_build(report_id=reports[0].pk)
    expect(label).to_have_text("1 of 2 ready")  # not wait_for_function: the CSP refuses its eval
    assert page.evaluate("window.notReloaded") is True  # updated in place
    assert page.locator(".progress-bar").get_attribute("style") == "width: 50%;"
    # Screen readers hear the new value: it is on the progressbar itself (axe: aria-allowed-attr).
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "50"

    report_build(report_id=reports[1].pk)
    expect(page.get_by_role("link", name=f"Download {LAST_MONTH:%B} meeting pack for ")).to_have_count(
        2
    )  # reloaded once all were done
    assert page.evaluate("window.notReloaded") is None
    assert label.inner_text() == "2 of 2 ready"
    assert page.get_by_role("link", name=f"Download {LAST_MONTH:%B} meeting pack for ").count() == 2


def test_the_progress_says_so_when_the_builder_is_unavailable(page, live_server, log_in, manager, home):
    from homes.builds import BUILDER_UNAVAILABLE

    assessor = member(home, Membership.Role.ASSESSOR)
    reports = [
        ReviewReport.objects.create(
            tracker=TrackerFactory(child=ChildFactory(home=home, assessor=assessor)),
            kind=ReviewReport.Kind.MEETING_PACK,
        )
        for _ in range(2)
    ]
    log_in(manager.email, PASSWORD)
    page.goto(live_server.url + reverse("home_month", args=[home.pk, LAST_MONTH]))
    notice = page.locator("[data-progress-waiting]")
    assert notice.is_hidden()

    # The broker refused the builds (homes.builds): the polling shows the notice in place.
    ReviewReport.objects.filter(pk__in=[report.pk for report in reports]).update(awaiting_builder=True)
    expect(notice).to_be_visible()
    assert notice.inner_text() == BUILDER_UNAVAILABLE
    assert page.locator("[data-progress-label]").inner_text() == "0 of 2 ready"
