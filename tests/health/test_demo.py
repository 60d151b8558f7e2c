"""The demo's health records and medicines: two children's prescriptions (one PRN), a month of
MAR with a refusal and a missed dose, allergies, delegated authority, appointments."""

import datetime

import pytest
from django.utils import timezone

from health.models import Appointment, Condition, DelegatedAuthority, Dose, MedicationError, Prescription
from health.schedule import MISSED, day_bounds
from health.selectors import chart
from tests.utils import seed_demo


@pytest.mark.django_db
def test_the_demo_has_a_month_of_mar_with_a_refusal_and_a_missed_dose():
    seed_demo()
    counts = (Prescription.objects.count(), Dose.objects.count(), Condition.objects.count())
    seed_demo()
    assert (Prescription.objects.count(), Dose.objects.count(), Condition.objects.count()) == counts
    children = {p.child for p in Prescription.objects.select_related("child")}
    assert len(children) == 2 and Prescription.objects.filter(as_needed=True).count() == 1
    assert Dose.objects.filter(outcome=Dose.Outcome.REFUSED).exists()
    assert MedicationError.objects.exists()
    assert Condition.objects.filter(kind=Condition.Kind.ALLERGY).exists()
    assert DelegatedAuthority.objects.exists() and Appointment.objects.exists()
    missed = []
    for days_ago in range(1, 31):
        start, end = day_bounds(timezone.localdate() - datetime.timedelta(days=days_ago))
        regular, _ = chart(list(children), start, end)
        missed += [item for item in regular if item.status(timezone.now()) == MISSED]
    assert len(missed) == 2  # one for each child
