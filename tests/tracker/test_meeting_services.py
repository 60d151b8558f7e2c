import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homes.models import Membership
from tests.factories import member
from tests.tracker.factories import LAST_MONTH
from tracker.models import ReviewReport
from tracker.models import meeting as meeting_models
from tracker.services import meeting as services
from tracker.services.tracker import TRACKER_LOCKED, tracker_update

HELD_ON = min(LAST_MONTH + datetime.timedelta(days=40), timezone.localdate())


def record(tracker, manager, assessor, **overrides):
    fields = dict(held_on=HELD_ON, manager=manager, assessor=assessor, decisions="Keep going.", others_present="")
    fields.update(overrides)
    return services.meeting_record(tracker=tracker, **fields)


def test_recording_the_meeting(tracker, manager, assessor):
    meeting = record(tracker, manager, assessor, others_present="Nadia Hussain, social worker")
    assert meeting.tracker == tracker and not meeting.any_signed


def messages_of(error):
    return [message for messages in error.value.message_dict.values() for message in messages]


def test_the_manager_must_manage_the_childs_home(tracker, staff, assessor, other_manager):
    for not_a_manager in (staff, other_manager):
        with pytest.raises(ValidationError) as error:
            record(tracker, not_a_manager, assessor)
        assert meeting_models.MANAGER_NOT_MANAGER.format(home="Willow House") in messages_of(error)


def test_a_deputy_manager_may_hold_the_meeting(tracker, deputy, assessor):
    assert record(tracker, deputy, assessor).manager == deputy


def test_the_assessor_must_be_the_childs_assessor(tracker, home, manager):
    another_assessor = member(home, Membership.Role.ASSESSOR)
    with pytest.raises(ValidationError) as error:
        record(tracker, manager, another_assessor)
    expected = meeting_models.ASSESSOR_NOT_CHILDS.format(child="Siobhán", assessor=tracker.child.assessor)
    assert expected in messages_of(error)


def test_a_child_without_an_assessor_needs_one_first(tracker, home, manager):
    tracker.child.assessor = None
    tracker.child.save()
    with pytest.raises(ValidationError) as error:
        record(tracker, manager, member(home, Membership.Role.ASSESSOR))
    assert meeting_models.CHILD_HAS_NO_ASSESSOR.format(child="Siobhán") in messages_of(error)


@pytest.mark.parametrize(
    ("held_on", "message"),
    [
        (timezone.localdate() + datetime.timedelta(days=1), meeting_models.MEETING_IN_FUTURE),
        (
            LAST_MONTH - datetime.timedelta(days=1),
            meeting_models.MEETING_BEFORE_MONTH.format(month=f"{LAST_MONTH:%B %Y}"),
        ),
    ],
)
def test_the_meeting_date_is_plausible(tracker, manager, assessor, held_on, message):
    with pytest.raises(ValidationError) as error:
        record(tracker, manager, assessor, held_on=held_on)
    assert message in messages_of(error)


def test_both_sign_then_the_tracker_locks_and_the_review_record_is_queued(
    tracker, manager, assessor, django_capture_on_commit_callbacks, monkeypatch
):
    built = []
    monkeypatch.setattr("homes.builds.send_build", lambda task, report_id: built.append(report_id))
    record(tracker, manager, assessor)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_sign(tracker=tracker, user=manager)
    tracker.refresh_from_db()
    assert not tracker.is_locked and not ReviewReport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_sign(tracker=tracker, user=assessor)
    tracker.refresh_from_db()
    assert meeting.fully_signed and tracker.is_locked
    report = ReviewReport.objects.get()
    assert report.kind == ReviewReport.Kind.REVIEW_RECORD and built == [report.pk]


def test_only_the_two_at_the_meeting_sign(tracker, manager, deputy, assessor, administrator):
    record(tracker, manager, assessor)
    for someone_else in (deputy, administrator):
        with pytest.raises(ValidationError) as error:
            services.meeting_sign(tracker=tracker, user=someone_else)
        assert services.NOT_A_SIGNATORY in error.value.messages


def test_signing_twice_is_refused(tracker, manager, assessor):
    record(tracker, manager, assessor)
    services.meeting_sign(tracker=tracker, user=manager)
    with pytest.raises(ValidationError) as error:
        services.meeting_sign(tracker=tracker, user=manager)
    assert services.ALREADY_SIGNED in error.value.messages


def test_signing_needs_a_meeting(tracker, manager):
    with pytest.raises(ValidationError) as error:
        services.meeting_sign(tracker=tracker, user=manager)
    assert services.NO_MEETING in error.value.messages


def test_correcting_the_meeting_clears_signatures(tracker, manager, assessor):
    record(tracker, manager, assessor)
    services.meeting_sign(tracker=tracker, user=manager)
    meeting = record(tracker, manager, assessor, decisions="Keep going, and add a weekly swim.")
    meeting.refresh_from_db()
    assert not meeting.any_signed


def test_saving_the_meeting_unchanged_keeps_signatures(tracker, manager, assessor):
    record(tracker, manager, assessor)
    services.meeting_sign(tracker=tracker, user=manager)
    meeting = record(tracker, manager, assessor)
    meeting.refresh_from_db()
    assert meeting.manager_signed_at is not None


def test_a_signed_review_cannot_change(tracker, manager, assessor):
    record(tracker, manager, assessor)
    services.meeting_sign(tracker=tracker, user=manager)
    services.meeting_sign(tracker=tracker, user=assessor)
    for change in (
        lambda: record(tracker, manager, assessor, decisions="Rewritten"),
        lambda: tracker_update(tracker=tracker, child_voice="Rewritten"),
        lambda: services.meeting_sign(tracker=tracker, user=manager),
    ):
        with pytest.raises(ValidationError) as error:
            change()
        assert TRACKER_LOCKED in error.value.messages
