"""Factories for the health record and the medicines; each keeps its people in the child's home."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from health.models import (
    Appointment,
    Condition,
    DelegatedAuthority,
    Dose,
    HealthAssessment,
    Immunisation,
    MedicationError,
    Prescription,
    Registration,
    StockMovement,
)
from tests.factories import ChildFactory


class _ByKeyWorker(DjangoModelFactory):
    class Meta:
        abstract = True

    child = factory.SubFactory(ChildFactory)
    recorded_by = factory.LazyAttribute(lambda o: o.child.key_worker)


class RegistrationFactory(_ByKeyWorker):
    class Meta:
        model = Registration

    kind = Registration.Kind.GP
    practice = "Riverside Surgery"
    phone = "0161 496 0000"


class ConditionFactory(_ByKeyWorker):
    class Meta:
        model = Condition

    kind = Condition.Kind.ALLERGY
    name = "Penicillin"
    severity = Condition.Severity.SEVERE


class HealthAssessmentFactory(_ByKeyWorker):
    class Meta:
        model = HealthAssessment

    kind = HealthAssessment.Kind.REVIEW
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class AppointmentFactory(_ByKeyWorker):
    class Meta:
        model = Appointment

    kind = Appointment.Kind.DENTIST
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
    reason = "Check-up"


class DelegatedAuthorityFactory(_ByKeyWorker):
    class Meta:
        model = DelegatedAuthority

    matter = DelegatedAuthority.Matter.HAIRCUTS
    given_by = "Jo Bloggs, social worker"
    given_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class PrescriptionFactory(DjangoModelFactory):
    class Meta:
        model = Prescription

    child = factory.SubFactory(ChildFactory)
    created_by = factory.LazyAttribute(lambda o: o.child.key_worker)
    medicine = "Melatonin"
    strength = "2 mg"
    form = Prescription.Form.TABLET
    dose = "1 tablet"
    times = "08:00, 20:00"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    prescriber = "Dr Patel, Riverside Surgery"


class PrnPrescriptionFactory(PrescriptionFactory):
    medicine = "Paracetamol"
    strength = "500 mg"
    times = ""
    as_needed = True
    prn_reason = "Pain or a headache"
    prn_max_doses_24h = 4
    prn_min_interval_minutes = 240


class StockMovementFactory(DjangoModelFactory):
    class Meta:
        model = StockMovement

    prescription = factory.SubFactory(PrescriptionFactory)
    kind = StockMovement.Kind.RECEIVED
    quantity = Decimal("28")
    on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.LazyAttribute(lambda o: o.prescription.created_by)


class DoseFactory(DjangoModelFactory):
    class Meta:
        model = Dose

    prescription = factory.SubFactory(PrnPrescriptionFactory)
    child = factory.LazyAttribute(lambda o: o.prescription.child)
    outcome = Dose.Outcome.GIVEN
    given_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    prn_reason = "Headache after school"
    recorded_by = factory.LazyAttribute(lambda o: o.prescription.child.key_worker)


class MedicationErrorFactory(_ByKeyWorker):
    class Meta:
        model = MedicationError

    kind = MedicationError.Kind.MISSED
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    what_happened = "The 8 am dose was not given before school."
    action_taken = "Rang the pharmacist for advice."


class ImmunisationFactory(_ByKeyWorker):
    class Meta:
        model = Immunisation

    vaccine = "MMR (second dose)"
    given_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
