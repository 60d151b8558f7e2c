"""Factories for consequences, complaints and notifications; each keeps its people in the home."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from safeguarding.models import Complaint, Consequence, NotificationCategory
from tests.factories import ChildFactory, HomeFactory, member


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


class ComplaintFactory(DjangoModelFactory):
    class Meta:
        model = Complaint

    home = factory.LazyAttribute(lambda o: o.child.home if o.child else HomeFactory())
    child = factory.SubFactory(ChildFactory)
    kind = Complaint.Kind.COMPLAINT
    received_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=2))
    complainant = Complaint.Complainant.CHILD
    in_their_words = "Nobody listens when I say I want to see my nan."
    respond_by = factory.LazyAttribute(lambda o: timezone.localdate(o.received_at) + datetime.timedelta(days=28))
    recorded_by = factory.LazyAttribute(lambda o: o.child.key_worker if o.child else member(o.home))
    recorded_at = factory.LazyAttribute(lambda o: o.received_at + datetime.timedelta(minutes=20))


def category(code: str = "police-serious") -> NotificationCategory:
    return NotificationCategory.objects.get(code=code)


def make_notification(
    child, *, by=None, code: str = "police-serious", known_hours_ago: int = 2, without_child: bool = False, **fields
):
    """A notification started the way the service starts one (with its recipients)."""
    from safeguarding.services.notifications import notification_start

    known = timezone.now() - datetime.timedelta(hours=known_hours_ago)
    values = {
        "category": category(code),
        "child": None if without_child else child,
        "event_at": known,
        "known_at": known,
        "summary": "Police called after a fight in the park; no one badly hurt.",
        "actions": "Child collected from the park by two staff; placing authority told by phone.",
    }
    values.update(fields)
    return notification_start(home=child.home, created_by=by or member(child.home, "manager"), **values)
