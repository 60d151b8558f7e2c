"""Factories for consequences, complaints and notifications; each keeps its people in the home."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from safeguarding.models import Consequence
from tests.factories import ChildFactory


class ConsequenceFactory(DjangoModelFactory):
    class Meta:
        model = Consequence

    child = factory.SubFactory(ChildFactory)
    author = factory.LazyAttribute(lambda o: o.child.key_worker)
    happened_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    signed_at = factory.LazyAttribute(lambda o: o.happened_at + datetime.timedelta(minutes=30))
    what_happened = "Threw the remote at the television after being told it was bedtime."
    kind = Consequence.Kind.REPAIR
    consequence = "Helped tidy the lounge and wrote a sorry note to Sam."
    relates_to_behaviour = "Putting right what was broken; we talked about the worry about school tomorrow."
    child_view = "It wasn't fair but I did feel better after."
