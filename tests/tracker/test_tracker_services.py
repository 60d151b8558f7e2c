import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import ChildFactory
from tests.tracker.factories import LAST_MONTH, MeetingFactory
from tracker.models import MonthlyTracker
from tracker.months import first_of, last_day
from tracker.services.tracker import (
    MONTH_NOT_FIRST_DAY,
    TRACKER_LOCKED,
    tracker_open,
    tracker_open_month,
    tracker_update,
)


def test_opening_a_month_opens_one_tracker_per_child_in_placement_and_is_idempotent(home, other_home, child):
    ChildFactory(home=other_home)
    assert tracker_open_month(month=LAST_MONTH) == 2
    assert tracker_open_month(month=LAST_MONTH) == 0
    assert MonthlyTracker.objects.filter(month=LAST_MONTH).count() == 2


def test_opening_a_month_for_one_home(home, other_home, child):
    ChildFactory(home=other_home)
    assert tracker_open_month(month=LAST_MONTH, home=home) == 1
    assert MonthlyTracker.objects.get().child == child


def test_only_children_who_lived_in_the_home_that_month_get_a_tracker(home):
    month = LAST_MONTH
    left_before = ChildFactory(home=home, admission_date=month - datetime.timedelta(days=90))
    left_before.discharge_date = month - datetime.timedelta(days=1)
    left_before.discharge_destination = "Foster care"
    left_before.save()
    left_during = ChildFactory(home=home, admission_date=month - datetime.timedelta(days=90))
    left_during.discharge_date = month + datetime.timedelta(days=5)
    left_during.discharge_destination = "Foster care"
    left_during.save()
    arrived_after = ChildFactory(
        home=home, admission_date=min(last_day(month) + datetime.timedelta(days=1), timezone.localdate())
    )
    arrived_during = ChildFactory(home=home, admission_date=month + datetime.timedelta(days=10))
    tracker_open_month(month=month)
    opened = set(MonthlyTracker.objects.values_list("child_id", flat=True))
    assert opened == {left_during.pk, arrived_during.pk}
    assert arrived_after.pk not in opened


def test_opening_a_tracker_returns_the_existing_one(child):
    first, created = tracker_open(child=child, month=LAST_MONTH)
    again, created_again = tracker_open(child=child, month=LAST_MONTH)
    assert created and not created_again and first == again


def test_a_month_is_given_by_its_first_day(child):
    with pytest.raises(ValidationError) as error:
        tracker_open(child=child, month=LAST_MONTH.replace(day=2))
    assert MONTH_NOT_FIRST_DAY in error.value.messages


def test_the_open_month_task_opens_this_month(child):
    from tracker.tasks import open_month_trackers

    assert open_month_trackers.delay().get() == 1
    assert MonthlyTracker.objects.get().month == first_of(timezone.localdate())


def test_update_saves_what_was_entered(tracker):
    tracker_update(tracker=tracker, child_voice="I liked the swimming.", priorities="Sleep")
    tracker.refresh_from_db()
    assert tracker.child_voice == "I liked the swimming."


def test_update_refuses_other_fields(tracker):
    with pytest.raises(TypeError):
        tracker_update(tracker=tracker, month=LAST_MONTH)


def test_a_locked_tracker_refuses_changes(tracker):
    tracker.locked_at = timezone.now()
    tracker.save()
    with pytest.raises(ValidationError) as error:
        tracker_update(tracker=tracker, child_voice="changed")
    assert TRACKER_LOCKED in error.value.messages
    tracker.refresh_from_db()
    assert tracker.child_voice == ""


def test_changing_the_review_clears_signatures_already_given(tracker, manager, assessor):
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=timezone.now())
    tracker_update(tracker=tracker, priorities="Same as before")
    meeting.refresh_from_db()
    assert meeting.manager_signed_at is None


def test_saving_the_same_review_keeps_signatures(tracker, manager, assessor):
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=timezone.now())
    tracker_update(tracker=tracker, priorities="")
    meeting.refresh_from_db()
    assert meeting.manager_signed_at is not None
