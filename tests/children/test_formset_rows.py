"""A row id submitted in a formset must name a row of the record being edited: another record's
row (another child's goal, say) is refused with a clear message, never edited and never copied
into a new row (homes.concurrency.OwnRowsFormSetMixin)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from children import extensions
from children.models import Goal, Trigger
from homes.concurrency import ROW_OF_ANOTHER_RECORD
from tests.children.factories import CarePlanFactory, GoalFactory, RiskAssessmentFactory, TriggerFactory
from tests.children.test_care_plan_views import plan_form
from tests.children.test_risk_assessment_views import form as risk_form
from tests.factories import ChildFactory


@pytest.fixture(autouse=True)
def _no_assessment(monkeypatch):
    monkeypatch.setattr(extensions, "_focus_areas", [])


@pytest.fixture
def other_child(home, staff):
    return ChildFactory(home=home, preferred_name="Maya", key_worker=staff)


def _goal_rows(child, other_child, position: str):
    """The plan edit POST with a goal of another child's plan in an existing or a new row."""
    plan, other = CarePlanFactory(child=child), GoalFactory(plan=CarePlanFactory(child=other_child))
    mine = GoalFactory(plan=plan)
    existing = [mine, other] if position == "existing row" else [mine]
    data = plan_form(plan, existing=existing)
    if position == "new row":
        data.update(
            {
                "goals-TOTAL_FORMS": 2,
                "goals-1-id": other.pk,
                "goals-1-plan": plan.pk,
                "goals-1-title": "Taken over",
                "goals-1-region": other.region,
                "goals-1-status": other.status,
                "goals-1-lead": other.lead_id or "",
            }
        )
    else:
        data["goals-1-title"] = "Taken over"
    return reverse("care_plan_edit", args=[plan.pk]), data, other, Goal


def _trigger_rows(child, other_child, position: str):
    assessment = RiskAssessmentFactory(child=child)
    other = TriggerFactory(assessment=RiskAssessmentFactory(child=other_child))
    row = {
        "id": other.pk,
        "assessment": assessment.pk,
        "what": "Taken over",
        "likely_response": "x",
        "certainty": "likely",
    }
    data = risk_form(assessment, triggers=[row])
    if position == "existing row":
        data["triggers-INITIAL_FORMS"] = 1
    return reverse("risk_assessment_edit", args=[assessment.pk]), data, other, Trigger


@pytest.mark.parametrize("position", ["existing row", "new row"])
@pytest.mark.parametrize("rows", [_goal_rows, _trigger_rows], ids=["goals", "triggers"])
def test_a_row_of_another_record_is_refused(client_for, manager, child, other_child, rows, position):
    url, data, other, model = rows(child, other_child, position)
    before = model.objects.count()
    response = client_for(manager).post(url, data)
    assert response.status_code == 200
    assert escape(ROW_OF_ANOTHER_RECORD) in response.text
    other_now = model.objects.get(pk=other.pk)
    assert str(other_now) == str(other)  # not edited
    assert model.objects.count() == before  # not copied into a new row


def test_an_own_row_resubmitted_as_a_new_row_is_refused(client_for, manager, child):
    plan = CarePlanFactory(child=child)
    mine = GoalFactory(plan=plan)
    data = plan_form(plan, existing=[mine])
    data.update({"goals-INITIAL_FORMS": 0})  # the same row, posted as if it were new
    response = client_for(manager).post(reverse("care_plan_edit", args=[plan.pk]), data)
    assert escape(ROW_OF_ANOTHER_RECORD) in response.text
    assert Goal.objects.filter(plan=plan).count() == 1


def test_progress_on_another_childs_goal_is_not_recorded_from_the_review_form(
    client_for, manager, child, other_child, assessor
):
    from tests.tracker.factories import LAST_MONTH, TrackerFactory
    from tracker.models import GoalProgress

    child.assessor = assessor
    child.save()
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    other = GoalFactory(plan=CarePlanFactory(child=other_child))
    data = {"revision": 1, f"goal-{other.pk}-progress": "achieved", f"goal-{other.pk}-evidence": "Forged"}
    client_for(manager).post(reverse("tracker_edit", args=[tracker.pk]), data)
    assert not GoalProgress.objects.exists()
