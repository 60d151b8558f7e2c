from django.urls import reverse
from django.utils import timezone

from children.models import CarePlan
from tests.children.factories import CarePlanFactory
from tests.tracker.records import plan_with_goals
from tracker.models import ReviewMeeting
from tracker.services.meeting import meeting_record

HELD_ON = timezone.localdate()


def record(tracker, manager, assessor, **extra):
    return meeting_record(
        tracker=tracker, held_on=HELD_ON, manager=manager, assessor=assessor, decisions="Keep going.", **extra
    )


def test_a_decision_to_change_the_plan_starts_a_revision_linked_to_the_meeting(tracker, manager, assessor):
    plan, goals = plan_with_goals(tracker.child, tracker.month)
    meeting = record(tracker, manager, assessor, plan_change="Add a goal about school mornings.", user=assessor)
    draft = meeting.plan_revision
    assert (draft.version, draft.status, draft.created_by) == (2, CarePlan.Status.DRAFT, assessor)
    assert list(draft.goals.values_list("thread", flat=True)) == [g.thread_id for g in goals]  # goals carried
    # Correcting the meeting keeps the same draft rather than starting another.
    again = record(tracker, manager, assessor, plan_change="Add a goal about school mornings and bedtime.")
    assert again.plan_revision == draft and CarePlan.objects.filter(child=tracker.child).count() == 2


def test_an_open_draft_is_linked_instead_of_failing(tracker, manager, assessor):
    plan_with_goals(tracker.child, tracker.month)
    open_draft = CarePlanFactory(child=tracker.child)
    meeting = record(tracker, manager, assessor, plan_change="Change the bedtime goal.")
    assert meeting.plan_revision == open_draft
    assert CarePlan.objects.filter(child=tracker.child, status=CarePlan.Status.DRAFT).count() == 1


def test_no_plan_change_starts_no_revision(tracker, manager, assessor):
    plan_with_goals(tracker.child, tracker.month)
    meeting = record(tracker, manager, assessor)
    assert meeting.plan_revision is None
    assert not CarePlan.objects.filter(status=CarePlan.Status.DRAFT).exists()


def test_the_meeting_form_starts_the_revision_and_the_tracker_page_links_it(client, tracker, manager, assessor):
    plan_with_goals(tracker.child, tracker.month)
    client.force_login(manager)
    response = client.post(
        reverse("meeting_edit", args=[tracker.pk]),
        {
            "held_on": HELD_ON.isoformat(),
            "manager": manager.pk,
            "assessor": assessor.pk,
            "decisions": "Revise the plan.",
            "plan_change": "A goal for school mornings.",
            "revision": 1,
        },
    )
    assert response.status_code == 302
    draft = ReviewMeeting.objects.get(tracker=tracker).plan_revision
    assert draft.created_by == manager
    page = client.get(reverse("tracker_detail", args=[tracker.pk])).content.decode()
    assert reverse("care_plan_detail", args=[draft.pk]) in page and "A goal for school mornings." in page
