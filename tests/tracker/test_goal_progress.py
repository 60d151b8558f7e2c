import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.children.factories import CarePlanFactory, GoalFactory
from tests.tracker.factories import MeetingFactory
from tests.tracker.records import month_of_records, plan_with_goals
from tracker.models import GoalProgress, ReviewMeeting
from tracker.prefill import month_summary
from tracker.services.goal_progress import EVIDENCE_NEEDED, GOAL_NOT_UNDER_REVIEW, GoalEntry, goal_progress_record
from tracker.services.tracker import TRACKER_LOCKED


@pytest.fixture
def goals(tracker):
    return plan_with_goals(tracker.child, tracker.month)[1]


def test_progress_is_recorded_once_per_goal_and_corrected_in_place(tracker, goals):
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "emerging", "Asked for help twice.")])
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "progressing", "Asked for help daily.")])
    [row] = GoalProgress.objects.all()
    assert (row.thread_id, row.goal, row.progress, row.evidence) == (
        goals[0].thread_id,
        goals[0],
        "progressing",
        "Asked for help daily.",
    )
    assert row.score == 3
    assert LogEntry.objects.get_for_object(row).count() == 2  # in the change history


def test_a_goal_outside_the_plan_in_force_is_refused(tracker, goals):
    draft_goal = GoalFactory(plan=CarePlanFactory(child=tracker.child))  # a goal of a draft
    with pytest.raises(ValidationError) as error:
        goal_progress_record(tracker=tracker, entries=[GoalEntry(draft_goal, "emerging", "Seen it.")])
    assert GOAL_NOT_UNDER_REVIEW.format(child=tracker.child.preferred_name, month=f"{tracker.month:%B %Y}") in str(
        error.value
    )


def test_recorded_progress_stays_in_the_review_when_the_plan_has_since_closed_the_goal(tracker, goals):
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "achieved", "Asleep by ten every night.")])
    type(goals[0]).objects.filter(pk=goals[0].pk).update(status="achieved")
    rows = month_summary(tracker.child, tracker.month).goals
    assert [(row.goal.title, row.progress and row.progress.progress) for row in rows] == [
        ("Settle to sleep", "achieved"),
        ("Ask an adult for help", None),
    ]
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "achieved", "Every night for a month.")])


def test_progress_needs_evidence(tracker, goals):
    with pytest.raises(ValidationError, match=EVIDENCE_NEEDED):
        goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "achieved", "  ")])


def test_a_locked_tracker_refuses_progress(tracker, goals):
    tracker.locked_at = timezone.now()
    tracker.save()
    with pytest.raises(ValidationError, match=TRACKER_LOCKED):
        goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "emerging", "Seen it.")])
    assert not GoalProgress.objects.exists()


def test_a_change_of_progress_clears_signatures(tracker, goals, manager, assessor):
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=timezone.now())
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "emerging", "Seen it.")])
    assert ReviewMeeting.objects.get(pk=meeting.pk).manager_signed_at is None


def test_the_review_form_records_goal_progress_beside_the_months_key_working(client, tracker, goals, manager, assessor):
    month_of_records(tracker.child, assessor, tracker.month, sessions=2, goals=goals)
    client.force_login(manager)
    url = reverse("tracker_edit", args=[tracker.pk])
    page = client.get(url).content.decode()
    assert "Settle to sleep" in page and "2 sessions" in page
    response = client.post(
        url,
        {
            f"goal-{goals[0].pk}-progress": "progressing",
            f"goal-{goals[0].pk}-evidence": "Asleep by ten five nights of seven.",
            f"goal-{goals[1].pk}-progress": "",
            f"goal-{goals[1].pk}-evidence": "",
            "priorities": "Keep the bedtime routine.",
            "revision": tracker.revision,
        },
    )
    assert response.status_code == 302
    assert list(GoalProgress.objects.values_list("goal", "progress")) == [(goals[0].pk, "progressing")]
    detail = client.get(reverse("tracker_detail", args=[tracker.pk])).content.decode()
    assert "Progressing" in detail and "Asleep by ten five nights of seven." in detail


def test_the_review_form_shows_a_missing_evidence_error(client, tracker, goals, manager):
    client.force_login(manager)
    response = client.post(
        reverse("tracker_edit", args=[tracker.pk]), {f"goal-{goals[0].pk}-progress": "achieved", "revision": 1}
    )
    assert response.status_code == 200
    assert escape(EVIDENCE_NEEDED) in response.content.decode()
    assert not GoalProgress.objects.exists()


def test_recorded_progress_cannot_be_blanked_from_the_form(client, tracker, goals, manager):
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goals[0], "emerging", "Seen it.")])
    client.force_login(manager)
    response = client.post(
        reverse("tracker_edit", args=[tracker.pk]), {f"goal-{goals[0].pk}-progress": "", "revision": 1}
    )
    assert response.status_code == 200
    assert GoalProgress.objects.get().progress == "emerging"


def test_care_staff_cannot_record_goal_progress(client, tracker, goals, staff):
    client.force_login(staff)
    response = client.post(
        reverse("tracker_edit", args=[tracker.pk]),
        {f"goal-{goals[0].pk}-progress": "achieved", f"goal-{goals[0].pk}-evidence": "x"},
    )
    assert response.status_code == 403
    assert not GoalProgress.objects.exists()
