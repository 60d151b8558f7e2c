from io import StringIO

import pytest
from django.core.management import call_command

from tracker.models import MonthlyTracker, ReviewMeeting, ReviewReport


@pytest.mark.django_db
def test_the_demo_has_signed_reviews_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = (MonthlyTracker.objects.count(), ReviewMeeting.objects.count(), ReviewReport.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (MonthlyTracker.objects.count(), ReviewMeeting.objects.count(), ReviewReport.objects.count()) == counts
    locked = MonthlyTracker.objects.locked()
    assert locked.count() >= 8
    assert all(tracker.meeting.fully_signed for tracker in locked.select_related("meeting"))
    assert ReviewReport.objects.filter(kind=ReviewReport.Kind.REVIEW_RECORD).count() == locked.count()
    unreviewed = MonthlyTracker.objects.filter(meeting__isnull=True).exclude(child_voice="")
    assert unreviewed.exists()  # the month just closed awaits its meeting
