"""Incidents for tests, made through the services (so they are signed as real ones are)."""

import datetime

from django.utils import timezone

from homes.models import Membership
from safeguarding.catalogue import ensure_catalogue
from safeguarding.models import ApprovedTechnique, IncidentCategory
from safeguarding.services.incidents import incident_record, intervention_record
from tests.factories import member


def category(rule: str = "", name: str | None = None) -> IncidentCategory:
    ensure_catalogue()  # the data migration's rows are gone after a transactional test's flush
    if name:
        return IncidentCategory.objects.get(name=name)
    return IncidentCategory.objects.filter(rule=rule).order_by("order").first()


def physical_intervention() -> IncidentCategory:
    return category(IncidentCategory.Rule.PHYSICAL_INTERVENTION)


def allegation() -> IncidentCategory:
    return category(IncidentCategory.Rule.ALLEGATION)


def damage() -> IncidentCategory:
    return category(name="Damage to property")


def part_fields(**overrides) -> dict:
    fields = {
        "what_happened": "Threw a mug at the kitchen wall after the phone call.",
        "led_up_to": "Family time was cancelled by phone an hour before.",
        "communicating": "That she felt let down and frightened she would not see her mum.",
        "de_escalation": "Quiet voice, gave her space, offered a walk in the garden.",
        "outcome": "Settled after twenty minutes; we made hot chocolate together.",
        "child_view": "I was angry because nobody told me why.",
    }
    fields.update(overrides)
    return fields


def make_incident(child, *, author=None, categories=None, occurred_at=None, staff=None, now=None, **overrides):
    author = author or child.key_worker or member(child.home)
    occurred_at = occurred_at or timezone.now() - datetime.timedelta(hours=2)
    return incident_record(
        home=child.home,
        child=child,
        author=author,
        occurred_at=occurred_at,
        location=overrides.pop("location", "Kitchen"),
        categories=categories or [damage()],
        staff_involved=staff or [author],
        allegation_against=overrides.pop("allegation_against", None),
        requested=overrides.pop("requested", None),
        now=now,
        **part_fields(**overrides),
    )


def technique() -> ApprovedTechnique:
    ensure_catalogue()
    return ApprovedTechnique.objects.order_by("pk").first()


def make_hold(incident, child, *, author=None, held_by=None, started_at=None, minutes=5, now=None, **overrides):
    author = author or incident.author
    started_at = started_at or incident.occurred_at
    fields = {
        "technique": technique(),
        "started_at": started_at,
        "ended_at": started_at + datetime.timedelta(minutes=minutes),
        "held_by": held_by or [author],
        "present": [],
        "reason": "She was about to run into the road.",
        "tried_first": "Calm words, offering space, walking alongside.",
        "effectiveness": "Kept her safe; she calmed within minutes.",
        "necessary_and_proportionate": True,
    }
    fields.update(overrides)
    return intervention_record(incident=incident, child=child, author=author, now=now, **fields)


def manager_of(home):
    found = home.memberships.filter(role=Membership.Role.MANAGER).first()
    return found.user if found else member(home, Membership.Role.MANAGER)
