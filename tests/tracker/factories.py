import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from homes.models import Membership
from tests.factories import member
from tracker.models import EvidencePack, EvidenceShare, MonthlyTracker, ReviewMeeting
from tracker.months import first_of, previous_month

LAST_MONTH = previous_month(first_of(timezone.localdate()))


class TrackerFactory(DjangoModelFactory):
    class Meta:
        model = MonthlyTracker

    month = LAST_MONTH


class MeetingFactory(DjangoModelFactory):
    """A meeting held at the start of the month after the tracker's (or today, if sooner)."""

    class Meta:
        model = ReviewMeeting

    held_on = factory.LazyAttribute(
        lambda o: min(o.tracker.month_end + datetime.timedelta(days=1), timezone.localdate())
    )
    decisions = "Keep bedtime routine; add a weekly swim with her key worker."


class EvidencePackFactory(DjangoModelFactory):
    class Meta:
        model = EvidencePack

    period_start = factory.LazyFunction(lambda: LAST_MONTH - datetime.timedelta(days=60))
    period_end = factory.LazyFunction(timezone.localdate)
    requested_by = factory.LazyAttribute(lambda o: member(o.home, Membership.Role.MANAGER))


class EvidenceShareFactory(DjangoModelFactory):
    """Shared by access code (the digest of a code nobody knows)."""

    class Meta:
        model = EvidenceShare

    pack = factory.SubFactory(EvidencePackFactory)
    code_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    recipient = "Ofsted inspector"
    expires_at = factory.LazyFunction(EvidenceShare.default_expiry)
    shared_by = factory.LazyAttribute(lambda o: o.pack.requested_by)
