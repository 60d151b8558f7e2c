import pytest

from children.models import Activity, Child, KeyWorkingAmendment, KeyWorkingSession, ProvisionSession
from tests.utils import seed_demo

pytestmark = pytest.mark.django_db


GoalLink = KeyWorkingSession.goals_worked_on.through


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (KeyWorkingSession, KeyWorkingAmendment, GoalLink, Activity, ProvisionSession)
    )


def test_each_child_in_placement_has_a_year_of_daily_work_and_seeding_again_adds_nothing(client):
    seed_demo()
    counts = _counts()
    seed_demo()
    assert _counts() == counts
    for child in Child.objects.in_placement():
        assert child.key_working_sessions.count() >= 5, child
        assert child.activities.count() >= 30, child
        assert ProvisionSession.objects.filter(arrangement__child=child).exists(), child
    # Every record passes the same rules as one entered by hand.
    for record in [
        *KeyWorkingSession.objects.all()[:50],
        *Activity.objects.all()[:50],
        *ProvisionSession.objects.all()[:50],
    ]:
        record.full_clean()
    assert KeyWorkingAmendment.objects.exists()


def test_demo_sessions_work_on_goals_of_the_plan_in_force_at_the_time(client):
    seed_demo()
    links = GoalLink.objects.select_related("keyworkingsession", "goal__plan")
    for link in links:
        session, plan = link.keyworkingsession, link.goal.plan
        assert plan.child_id == session.child_id
        assert plan.signed_off_at <= session.happened_at
    with_goals = KeyWorkingSession.objects.filter(goals_worked_on__isnull=False).distinct().count()
    assert 0.4 < with_goals / KeyWorkingSession.objects.count() < 0.9
    for child in Child.objects.in_placement():
        active = child.care_plans.get(status="active")
        assert KeyWorkingSession.objects.filter(goals_worked_on__plan=active).exists(), child
