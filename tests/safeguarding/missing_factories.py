"""Factories for body maps and missing episodes (issue 10's `missing` slice); each keeps its
people in the child's home."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from safeguarding.models import BodyMap, BodyMark, MissingEpisode, MissingUpdate, ReturnInterview
from tests.factories import ChildFactory, member


def _author(child):
    return child.key_worker or member(child.home)


class BodyMapFactory(DjangoModelFactory):
    class Meta:
        model = BodyMap

    child = factory.SubFactory(ChildFactory)
    author = factory.LazyAttribute(lambda o: _author(o.child))
    seen_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    signed_at = factory.LazyAttribute(lambda o: o.seen_at + datetime.timedelta(minutes=20))
    context = BodyMap.Context.NOTICED
    notes = "Noticed at bath time; Siobhán said it did not hurt."


class BodyMarkFactory(DjangoModelFactory):
    class Meta:
        model = BodyMark

    body_map = factory.SubFactory(BodyMapFactory)
    side = "front"
    x = Decimal("24.0")
    y = Decimal("80.0")
    region = "right_forearm"
    kind = BodyMark.Kind.BRUISE
    size = "2 cm by 1 cm"
    description = "Yellowing bruise, not raised."
    how_it_happened = "Said she bumped it on the climbing frame at school."
    seen_by = "Jess and the night staff"
    recorded_by = factory.LazyAttribute(lambda o: o.body_map.author)
    recorded_at = factory.LazyAttribute(lambda o: o.body_map.signed_at)


class MissingEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = MissingEpisode

    child = factory.SubFactory(ChildFactory)
    author = factory.LazyAttribute(lambda o: _author(o.child))
    last_seen_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=6))
    last_seen_details = "Walking towards the bus stop after school, in her green coat."
    noticed_missing_at = factory.LazyAttribute(lambda o: o.last_seen_at + datetime.timedelta(minutes=90))
    risk_level = MissingEpisode.RiskLevel.MEDIUM
    signed_at = factory.LazyAttribute(lambda o: o.noticed_missing_at + datetime.timedelta(minutes=10))


class MissingUpdateFactory(DjangoModelFactory):
    class Meta:
        model = MissingUpdate

    episode = factory.SubFactory(MissingEpisodeFactory)
    happened_at = factory.LazyAttribute(lambda o: o.episode.noticed_missing_at + datetime.timedelta(minutes=30))
    text = "A friend's mum rang: she was seen in the park."
    author = factory.LazyAttribute(lambda o: o.episode.author)
    recorded_at = factory.LazyAttribute(lambda o: o.happened_at)


def returned(episode: MissingEpisode, *, at: datetime.datetime | None = None) -> MissingEpisode:
    """The episode with the child back, as the service would record it."""
    episode.returned_at = at or episode.noticed_missing_at + datetime.timedelta(hours=2)
    episode.return_how = MissingEpisode.ReturnHow.CAME_BACK
    episode.condition = "Tired and hungry; had a bath and some toast."
    episode.return_recorded_by = episode.author
    episode.save()
    return episode


class ReturnInterviewFactory(DjangoModelFactory):
    class Meta:
        model = ReturnInterview

    episode = factory.LazyAttribute(lambda o: returned(MissingEpisodeFactory()))
    offered_at = factory.LazyAttribute(lambda o: o.episode.returned_at + datetime.timedelta(hours=1))
    interviewer_name = "Maya Okafor"
    interviewer_role = "Return interview worker, the council's missing team"
    interviewer_independent = True
    recorded_by = factory.LazyAttribute(lambda o: o.episode.author)
    recorded_at = factory.LazyAttribute(lambda o: o.offered_at)
