"""The health and medicines pages in a real browser. The 8 am round itself is part of the iPad
shift journey (test_shift_journey.py): medicines, the end-of-shift log and the handover."""

import datetime

import pytest
from django.utils import timezone

from health.schedule import due_at
from tests.factories import PASSWORD
from tests.health.factories import ConditionFactory, PrescriptionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_health_and_medicines_pages_pass_axe(page, live_server, log_in, monkeypatch, home, staff, child):
    """The crawl in test_accessibility.py covers them with the demo; this checks them directly,
    with a controlled drug's witness fields and a missed dose on the page."""
    from axe_playwright_python.sync_playwright import Axe
    from django.urls import reverse

    from tests.e2e.test_accessibility import describe, serious_violations
    from tests.health.factories import AppointmentFactory, DelegatedAuthorityFactory, PrnPrescriptionFactory

    eight = due_at(timezone.localdate(), datetime.time(8, 0))
    monkeypatch.setattr(timezone, "now", lambda: eight + datetime.timedelta(hours=2))
    PrescriptionFactory(child=child, medicine="Methylphenidate", times="07:30, 09:30", controlled=True)
    PrnPrescriptionFactory(child=child)
    ConditionFactory(child=child, name="Peanuts")
    AppointmentFactory(child=child)
    DelegatedAuthorityFactory(child=child)
    log_in(staff.email, PASSWORD)
    axe = Axe()
    found = []
    for url in (
        reverse("medicines_round", args=[home.pk]),
        reverse("medicines", args=[child.pk]),
        reverse("mar_month", args=[child.pk]),
        reverse("health_record", args=[child.pk]),
        reverse("health_condition_add", args=[child.pk]),
    ):
        page.goto(f"{live_server.url}{url}")
        found += serious_violations(axe, page, url)
    assert not found, describe(found)
