"""Care plans ("my plan"): drafts, safe saves, sign-off. The lifecycle is shared with risk
assessments in `versioning`."""

import datetime

from children.models import CarePlan, Child, Goal, GoalThread
from children.services import versioning
from homes.models import User


def _carry_goals(active: CarePlan, draft: CarePlan) -> None:
    # Goals still being worked towards move into the new version on the same thread, so
    # their history reads across versions; achieved and stopped goals stay where they ended.
    for goal in active.goals.filter(status__in=Goal.OPEN):
        goal.pk = None
        goal.plan = draft
        goal.full_clean()
        goal.save()


def care_plan_start(*, child: Child, user: User) -> CarePlan:
    """Start the child's first plan, or revise the active one into a new draft.
    Raises versioning.DraftExists if a draft is already open."""
    return versioning.version_draft_start(
        model=CarePlan, child=child, user=user, copy_rows=_carry_goals, sections=CarePlan.SECTIONS
    )


def _new_goal(goal: Goal) -> None:
    goal.thread = GoalThread.objects.create(child_id=goal.plan.child_id)


def care_plan_save(*, plan: CarePlan, user: User, revision: int, fields: dict, goals: list[dict]) -> CarePlan:
    """Save a draft plan and its goals. Raises versioning.StaleEdit when someone else saved the
    draft after `revision`; goals are never deleted (a goal that is no longer wanted is stopped)."""
    for values in goals:
        values.pop("delete", None)

    def save_goals(current: CarePlan) -> None:
        versioning.version_save_rows(record=current, model=Goal, fk="plan", rows=goals, on_new=_new_goal)

    return versioning.version_draft_save(record=plan, user=user, revision=revision, fields=fields, save_rows=save_goals)


def care_plan_sign_off(*, plan: CarePlan, user: User, revision: int, today: datetime.date | None = None) -> CarePlan:
    return versioning.version_sign_off(record=plan, user=user, revision=revision, today=today)
