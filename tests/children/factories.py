"""Factories for the child's day-to-day records; each keeps its people in the child's home."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from children.models import Activity, KeyWorkingSession, ProvisionArrangement, ProvisionSession
from tests.factories import ChildFactory


class KeyWorkingSessionFactory(DjangoModelFactory):
    class Meta:
        model = KeyWorkingSession

    child = factory.SubFactory(ChildFactory)
    staff_member = factory.LazyAttribute(lambda o: o.child.key_worker)
    author = factory.LazyAttribute(lambda o: o.staff_member)
    happened_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    signed_at = factory.LazyAttribute(lambda o: o.happened_at + datetime.timedelta(minutes=30))
    duration_minutes = 40
    topic = "Settling into the new school week"
    child_voice = "I don't like Mondays because everyone is loud."
    regulation_before = KeyWorkingSession.Regulation.UNSETTLED
    regulation_after = KeyWorkingSession.Regulation.MOSTLY_SETTLED


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    child = factory.SubFactory(ChildFactory)
    kind = Activity.Kind.ENRICHMENT
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    duration_minutes = 45
    region = "limbic"
    note = "Baked bread together"
    recorded_by = factory.LazyAttribute(lambda o: o.child.key_worker)


class ProvisionArrangementFactory(DjangoModelFactory):
    class Meta:
        model = ProvisionArrangement

    child = factory.SubFactory(ChildFactory)
    kind = ProvisionArrangement.Kind.PSYCHOTHERAPY
    provider = "Calder Valley Therapy Service"
    description = "Dramatherapy"
    start_date = factory.LazyAttribute(lambda o: o.child.admission_date)
    frequency = ProvisionArrangement.Frequency.WEEKLY
    created_by = factory.LazyAttribute(lambda o: o.child.key_worker)


class ProvisionSessionFactory(DjangoModelFactory):
    class Meta:
        model = ProvisionSession

    arrangement = factory.SubFactory(ProvisionArrangementFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    status = ProvisionSession.Status.ATTENDED
    recorded_by = factory.LazyAttribute(lambda o: o.arrangement.child.key_worker)
