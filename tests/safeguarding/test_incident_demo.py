"""The demo's incidents: a gentle year, one hold by staff whose training lapsed, idempotent."""

import pytest

from safeguarding import incident_clocks
from safeguarding.models import Incident, PhysicalIntervention
from tests.utils import seed_demo


@pytest.mark.django_db
def test_the_demo_has_incidents_and_a_hold_by_staff_whose_training_lapsed():
    seed_demo()
    count = Incident.objects.count()
    assert count >= 8
    hold = PhysicalIntervention.objects.get()
    held_by = list(hold.held_by.all())
    gaps = incident_clocks.training_gaps(held_by, hold.started_at.date())
    assert any("lapsed" in gap for gap in gaps.values())
    assert Incident.objects.filter(countersigned_at__isnull=True).exists()  # one waits for the manager
    seed_demo()
    assert Incident.objects.count() == count
