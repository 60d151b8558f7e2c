from io import StringIO

import pytest
from django.core.management import call_command

from children.models import Activity, Child, KeyWorkingAmendment, KeyWorkingSession, ProvisionSession

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (KeyWorkingSession, KeyWorkingAmendment, Activity, ProvisionSession)
    )


def test_each_child_in_placement_has_a_year_of_daily_work_and_seeding_again_adds_nothing(client):
    call_command("seed_demo", stdout=StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == counts
    for child in Child.objects.in_placement():
        assert child.key_working_sessions.count() >= 5, child
        assert child.activities.count() >= 30, child
        assert ProvisionSession.objects.filter(arrangement__child=child).exists(), child
    # Every record passes the same rules as one entered by hand.
    for record in [
        *KeyWorkingSession.objects.all()[:50],
        *Activity.objects.all()[:50],
        *ProvisionSession.objects.all()[:50],
    ]:
        record.full_clean()
    assert KeyWorkingAmendment.objects.exists()
