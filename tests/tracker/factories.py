import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tracker.models import MonthlyTracker, ReviewMeeting
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
