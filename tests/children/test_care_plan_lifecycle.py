"""The lifecycle shared by plans and risk assessments, through the care-plan services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from children.models import CarePlan, Goal
from children.models import care_plan as plan_models
from children.services import care_plan as services
from children.services import versioning
from tests.children.factories import CarePlanFactory, GoalFactory, signed
from tests.utils import today


def test_the_first_plan_starts_as_a_blank_draft(child, manager):
    plan = services.care_plan_start(child=child, user=manager)
    assert (plan.version, plan.status, plan.created_by) == (1, CarePlan.Status.DRAFT, manager)
    assert plan.what_matters_to_me == "" and not plan.goals.exists()


def test_only_one_draft_at_a_time(child, manager, deputy):
    draft = services.care_plan_start(child=child, user=manager)
    with pytest.raises(versioning.DraftExists) as raised:
        services.care_plan_start(child=child, user=deputy)
    assert raised.value.draft == draft
    assert CarePlan.objects.count() == 1


def test_sign_off_makes_the_draft_active_with_who_and_when(child, manager):
    plan = CarePlanFactory(child=child)
    services.care_plan_sign_off(plan=plan, user=manager, revision=plan.revision)
    plan.refresh_from_db()
    assert plan.status == CarePlan.Status.ACTIVE
    assert plan.signed_off_by == manager
    assert timezone.now() - plan.signed_off_at < datetime.timedelta(minutes=1)


def test_signing_off_a_revision_supersedes_the_active_plan_and_keeps_it(child, manager):
    first = signed(CarePlanFactory(child=child, what_i_want="To see my brother"))
    draft = services.care_plan_start(child=child, user=manager)
    services.care_plan_sign_off(plan=draft, user=manager, revision=draft.revision)
    first.refresh_from_db()
    assert first.status == CarePlan.Status.SUPERSEDED
    assert first.superseded_at is not None
    assert first.what_i_want == "To see my brother"
    assert CarePlan.objects.get(status=CarePlan.Status.ACTIVE) == draft


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [(None, versioning.REVIEW_DATE_NEEDED), (-1, versioning.REVIEW_DATE_PAST)],
)
def test_sign_off_needs_a_future_review_date(child, manager, days_from_today, message):
    review_date = None if days_from_today is None else today() + datetime.timedelta(days=days_from_today)
    plan = CarePlanFactory(child=child, review_date=review_date)
    with pytest.raises(ValidationError) as raised:
        services.care_plan_sign_off(plan=plan, user=manager, revision=plan.revision)
    assert raised.value.messages == [message]
    plan.refresh_from_db()
    assert plan.is_draft


def test_a_signed_off_plan_cannot_be_signed_or_saved_again(child, manager):
    plan = signed(CarePlanFactory(child=child))
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.care_plan_sign_off(plan=plan, user=manager, revision=plan.revision)
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.care_plan_save(
            plan=plan, user=manager, revision=plan.revision, fields={"what_i_want": "changed"}, goals=[]
        )
    plan.refresh_from_db()
    assert plan.what_i_want == "To go back to football."


def test_revise_copies_the_active_plan_and_carries_open_goals_on_their_thread(child, manager):
    active = signed(CarePlanFactory(child=child, education="Year 9 at Calder High", review_date=today()))
    working = GoalFactory(plan=active, status=Goal.Status.WORKING, item_code="SR2", item_label="Sleep")
    GoalFactory(plan=active, title="Brush teeth without a fight", status=Goal.Status.ACHIEVED)
    draft = services.care_plan_start(child=child, user=manager)
    assert (draft.version, draft.status, draft.education) == (2, CarePlan.Status.DRAFT, "Year 9 at Calder High")
    assert draft.review_date == today()
    [carried] = draft.goals.all()
    assert carried.pk != working.pk
    assert carried.thread_id == working.thread_id
    assert (carried.title, carried.item_code, carried.item_label) == (working.title, "SR2", "Sleep")
    assert active.goals.count() == 2  # the active version is untouched


def test_new_goals_start_their_own_thread(child, manager, staff):
    plan = CarePlanFactory(child=child)
    services.care_plan_save(
        plan=plan,
        user=manager,
        revision=plan.revision,
        fields={},
        goals=[
            {
                "row": None,
                "title": "Enjoy a meal at the table",
                "region": "limbic",
                "success_looks_like": "Stays for pudding",
                "adult_strategies": "Sit beside, not opposite",
                "lead": staff,
                "status": Goal.Status.PLANNED,
                "item_code": "",
                "item_label": "",
            }
        ],
    )
    goal = plan.goals.get()
    assert goal.thread.child == child


def test_a_goals_lead_must_belong_to_the_childs_home(child, other_manager):
    goal = GoalFactory(plan=CarePlanFactory(child=child))
    goal.lead = other_manager
    with pytest.raises(ValidationError) as raised:
        goal.full_clean()
    assert raised.value.message_dict["lead"] == [plan_models.LEAD_NOT_IN_HOME]


def test_the_database_refuses_two_active_plans(child):
    signed(CarePlanFactory(child=child))
    second = CarePlanFactory(child=child)
    second.status = CarePlan.Status.ACTIVE
    second.signed_off_by, second.signed_off_at = second.created_by, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_database_refuses_a_signed_off_plan_without_a_signature(child):
    plan = CarePlanFactory(child=child)
    plan.status = CarePlan.Status.ACTIVE
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_review_overdue_only_for_the_active_version(child):
    plan = CarePlanFactory(child=child, review_date=today() - datetime.timedelta(days=1))
    assert not plan.review_overdue
    signed(plan)
    assert plan.review_overdue
