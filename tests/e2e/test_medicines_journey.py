"""On the iPad at 8 am: a member of staff opens the medicines round from the dashboard and gives
the 8 am medicines for two children, one tap each, seeing each child's allergies as they go."""

import datetime
import re

import pytest
from django.utils import timezone

from health.models import Dose
from health.schedule import due_at
from tests.factories import PASSWORD, ChildFactory
from tests.health.factories import ConditionFactory, PrescriptionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_give_the_8am_medicines_for_two_children(page, live_server, log_in, monkeypatch, home, staff, child):
    eight = due_at(timezone.localdate(), datetime.time(8, 0))
    monkeypatch.setattr(timezone, "now", lambda: eight + datetime.timedelta(minutes=5))
    tyler = ChildFactory(home=home, preferred_name="Tyler", key_worker=staff)
    PrescriptionFactory(child=child, medicine="Sertraline", strength="50 mg", times="08:00")
    PrescriptionFactory(child=tyler, medicine="Montelukast", strength="5 mg", times="08:00, 20:00")
    ConditionFactory(child=tyler, name="Peanuts")

    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Medicines round").first.click()
    page.get_by_text("Allergies: Peanuts").wait_for()
    assert page.get_by_text("Due now").count() == 2

    page.get_by_role("button", name=re.compile(r"^Given\W+Sertraline 50 mg for Siobhán at 08:00")).click()
    page.get_by_text("Siobhán: Sertraline 50 mg 08:00 recorded as given.").wait_for()
    page.get_by_role("button", name=re.compile(r"^Given\W+Montelukast 5 mg for Tyler at 08:00")).click()
    page.get_by_text("Tyler: Montelukast 5 mg 08:00 recorded as given.").wait_for()

    assert page.get_by_text("Due now").count() == 0
    doses = Dose.objects.order_by("child__preferred_name")
    assert [(d.child.preferred_name, d.outcome, d.recorded_by, d.due_at) for d in doses] == [
        ("Siobhán", Dose.Outcome.GIVEN, staff, eight),
        ("Tyler", Dose.Outcome.GIVEN, staff, eight),
    ]


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
