import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.tracker.factories import LAST_MONTH, MeetingFactory, TrackerFactory
from tracker.models import MonthlyTracker, ReviewReport


def test_one_tracker_per_child_per_month(tracker):
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyTracker.objects.create(child=tracker.child, month=tracker.month)


def test_a_tracker_month_is_its_first_day(child):
    with pytest.raises(IntegrityError), transaction.atomic():
        MonthlyTracker.objects.create(child=child, month=LAST_MONTH + datetime.timedelta(days=3))
    assert MonthlyTracker.objects.create(child=child, month=LAST_MONTH).month.day == 1


def test_one_report_per_tracker_and_kind(tracker):
    ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)


def test_a_ready_report_has_its_file_and_hash(tracker):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK, status="ready")


def test_the_manager_and_the_assessor_are_two_people(tracker, manager):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(tracker=tracker, manager=manager, assessor=manager)


def test_str_names_the_child_and_month(tracker, manager, assessor):
    assert str(tracker) == f"Siobhán — {LAST_MONTH:%B %Y}"
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor)
    assert "Siobhán" in str(meeting)
    report = ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    assert str(report) == f"Meeting pack — Siobhán — {LAST_MONTH:%B %Y}"


def test_the_meeting_is_due_by_the_20th_of_the_following_month(child):
    tracker = TrackerFactory(child=child, month=datetime.date(2026, 12, 1))
    assert tracker.meeting_due_by == datetime.date(2027, 1, 20)
    assert tracker.month_end == datetime.date(2026, 12, 31)
