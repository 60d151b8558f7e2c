"""Factories for the shifts app: each keeps its shift and people in the child's home."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from shifts.models import DailyLog, Handover, HandoverFlag, ShiftPattern
from tests.factories import ChildFactory, HomeFactory


class ShiftPatternFactory(DjangoModelFactory):
    class Meta:
        model = ShiftPattern
        django_get_or_create = ("home", "name")

    home = factory.SubFactory(HomeFactory)
    name = "Early"
    starts_at = datetime.time(7, 0)
    ends_at = datetime.time(15, 0)


def late(home) -> ShiftPattern:
    return ShiftPatternFactory(home=home, name="Late", starts_at=datetime.time(14, 30), ends_at=datetime.time(22, 30))


def night(home) -> ShiftPattern:
    return ShiftPatternFactory(
        home=home, name="Waking night", starts_at=datetime.time(22, 0), ends_at=datetime.time(7, 30), is_night=True
    )


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


class DailyLogFactory(DjangoModelFactory):
    class Meta:
        model = DailyLog

    child = factory.SubFactory(ChildFactory)
    shift = factory.LazyAttribute(lambda o: ShiftPatternFactory(home=o.child.home))
    shift_date = factory.LazyFunction(yesterday)
    regulation = DailyLog.Regulation.MOSTLY_SETTLED
    mood = "Quiet after school, then laughing at tea with Jess."
    food = "Ate all of the pasta bake."
    child_words = "Can we do the puzzle again tomorrow?"
    author = factory.LazyAttribute(lambda o: o.child.key_worker)
    signed_at = factory.LazyFunction(timezone.now)


class HandoverFactory(DjangoModelFactory):
    class Meta:
        model = Handover

    home = factory.SubFactory(HomeFactory)
    shift = factory.LazyAttribute(lambda o: ShiftPatternFactory(home=o.home))
    shift_date = factory.LazyFunction(yesterday)
    summary = "A calm shift; the boiler engineer comes at ten."
    started_by = factory.LazyAttribute(lambda o: o.home.memberships.first().user)
    started_at = factory.LazyFunction(timezone.now)


class HandoverFlagFactory(DjangoModelFactory):
    class Meta:
        model = HandoverFlag

    child = factory.SubFactory(ChildFactory)
    home = factory.LazyAttribute(lambda o: o.child.home)
    text = "Ring the dentist about the brace appointment."
    raised_by = factory.LazyAttribute(lambda o: o.child.key_worker)
    raised_at = factory.LazyFunction(timezone.now)
