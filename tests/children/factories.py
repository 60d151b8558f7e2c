"""Factories for a child's records; each keeps its people in the child's home. Care plans and
risk assessments are drafts by default; `signed()` makes a version active the way the service
would (the previous active one superseded)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from children.brain import Region
from children.models import (
    Activity,
    CarePlan,
    Goal,
    GoalThread,
    KeyWorkingSession,
    ProvisionArrangement,
    ProvisionSession,
    Risk,
    RiskAssessment,
    Trigger,
)
from homes.models import Membership
from tests.factories import ChildFactory, member


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


def _manager_of(child):
    found = child.home.memberships.filter(role=Membership.Role.MANAGER).first()
    return found.user if found else member(child.home, Membership.Role.MANAGER)


class _VersionFactory(DjangoModelFactory):
    child = factory.SubFactory(ChildFactory)
    created_by = factory.LazyAttribute(lambda o: _manager_of(o.child))
    review_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class CarePlanFactory(_VersionFactory):
    class Meta:
        model = CarePlan

    version = factory.LazyAttribute(lambda o: o.child.care_plans.count() + 1)

    what_matters_to_me = "My dog Biscuit and my nan."
    what_i_want = "To go back to football."


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(CarePlanFactory)
    thread = factory.LazyAttribute(lambda o: GoalThread.objects.create(child=o.plan.child))
    title = "Settle to sleep with a familiar routine"
    region = Region.DIENCEPHALON
    success_looks_like = "Asleep by ten on most nights."
    adult_strategies = "The same bedtime story and night light; a calm adult nearby."
    lead = factory.LazyAttribute(lambda o: o.plan.child.key_worker)


class RiskAssessmentFactory(_VersionFactory):
    class Meta:
        model = RiskAssessment

    version = factory.LazyAttribute(lambda o: o.child.risk_assessments.count() + 1)

    early_signs = "Goes quiet, pulls her hood up."
    what_helps = "A quiet space and a warm drink; an adult she knows nearby."
    what_makes_it_worse = "Raised voices; being asked lots of questions."


class TriggerFactory(DjangoModelFactory):
    class Meta:
        model = Trigger

    assessment = factory.SubFactory(RiskAssessmentFactory)
    what = "Doors slamming"
    likely_response = "Freezes, then may run to her room."
    certainty = Trigger.Certainty.KNOWN


class RiskFactory(DjangoModelFactory):
    class Meta:
        model = Risk

    assessment = factory.SubFactory(RiskAssessmentFactory)
    description = "Going missing after family time"
    likelihood = "medium"
    severity = "high"
    agreed_response = "Stay with her after family time; agreed check-in call."


def signed(record, by=None, when=None):
    """Make a draft the active version, superseding the previous one, as the service would."""
    model = type(record)
    when = when or timezone.now()
    model.objects.filter(child=record.child, status=model.Status.ACTIVE).update(
        status=model.Status.SUPERSEDED, superseded_at=when
    )
    record.status = model.Status.ACTIVE
    record.signed_off_by = by or _manager_of(record.child)
    record.signed_off_at = when
    record.save()
    return record
