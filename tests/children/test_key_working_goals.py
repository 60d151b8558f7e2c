"""The care-plan goals a key-working session worked on: chosen from the open goals of the
child's active plan, never another child's, kept by amendments, counted on the plan page by
goal thread, and in the change history."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from children.brain import Region
from children.forms.key_working import KeyWorkingForm
from children.models import CarePlan, Goal, KeyWorkingSession
from children.models import key_working as models
from children.services import key_working as services
from tests.children.factories import CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.children.test_key_working_rules import details
from tests.children.test_key_working_views import form_data
from tests.factories import ChildFactory
from tests.utils import count_queries


@pytest.fixture
def plan(child):
    return signed(CarePlanFactory(child=child))


@pytest.fixture
def sleep(plan):
    return GoalFactory(plan=plan, title="Settle to sleep", region=Region.DIENCEPHALON, status=Goal.Status.WORKING)


@pytest.fixture
def friends(plan):
    return GoalFactory(plan=plan, title="Make a friend at school", region=Region.LIMBIC)


@pytest.fixture
def old_session(child, staff):
    long_ago = timezone.now() - datetime.timedelta(days=3)
    return KeyWorkingSessionFactory(
        child=child, staff_member=staff, author=staff, happened_at=long_ago, signed_at=long_ago
    )


def choices(session: KeyWorkingSession) -> set[Goal]:
    return set(KeyWorkingForm(instance=session).fields["goals_worked_on"].queryset)


def revise(plan: CarePlan) -> tuple[CarePlan, dict[int, Goal]]:
    """Sign off a new version carrying every goal forward: {thread id: the new copy}."""
    new = CarePlanFactory(child=plan.child)
    copies = {
        goal.thread_id: GoalFactory(plan=new, thread=goal.thread, title=goal.title, region=goal.region)
        for goal in plan.goals.all()
    }
    signed(new)
    return new, copies


# --- the choices -----------------------------------------------------------------------------


def test_the_choices_are_the_open_goals_of_the_childs_active_plan(child, plan, sleep, friends):
    GoalFactory(plan=plan, title="Achieved already", status=Goal.Status.ACHIEVED)
    GoalFactory(plan=plan, title="Dropped", status=Goal.Status.STOPPED)
    GoalFactory(plan=CarePlanFactory(child=child), title="Only in the draft")
    GoalFactory(plan=signed(CarePlanFactory(child=ChildFactory(home=child.home))), title="Another child's")
    assert choices(KeyWorkingSession(child=child)) == {sleep, friends}


def test_a_superseded_plans_goals_are_not_offered(child, plan, sleep):
    _, copies = revise(plan)
    assert choices(KeyWorkingSession(child=child)) == {copies[sleep.thread_id]}


def test_goals_already_chosen_stay_listed_when_the_plan_moves_on(child, staff, plan, sleep, friends):
    session = services.key_working_log(child=child, author=staff, **details(staff, goals_worked_on=[sleep]))
    _, copies = revise(plan)
    assert choices(session) == {sleep, *copies.values()}


def test_the_form_shows_big_checkboxes_labelled_with_title_and_domain(client_for, child, staff, sleep):
    page = client_for(staff).get(reverse("key_working_add", args=[child.pk])).text
    assert 'type="checkbox" name="goals_worked_on"' in page
    assert 'class="btn-check"' in page
    assert "Settle to sleep · Self-regulation" in page


def test_without_an_active_plan_the_form_says_so(client_for, child, staff):
    CarePlanFactory(child=child)  # a draft is not a plan to work to yet
    page = client_for(staff).get(reverse("key_working_add", args=[child.pk])).text
    assert "has no active care plan yet, so there are no goals to tick." in page
    assert 'name="goals_worked_on"' not in page


def test_a_goal_outside_the_choices_is_refused_by_the_form(client_for, child, staff, plan):
    achieved = GoalFactory(plan=plan, status=Goal.Status.ACHIEVED)
    response = client_for(staff).post(
        reverse("key_working_add", args=[child.pk]), form_data(staff, goals_worked_on=[achieved.pk])
    )
    assert response.status_code == 200
    assert "Choose one of the options for " in response.text
    assert not KeyWorkingSession.objects.exists()


# --- the rule in the service -----------------------------------------------------------------


def test_another_childs_goal_is_refused_when_logging(child, staff, sleep):
    sibling = ChildFactory(home=child.home, key_worker=staff)
    with pytest.raises(ValidationError) as error:
        services.key_working_log(child=sibling, author=staff, **details(staff, goals_worked_on=[sleep]))
    assert error.value.message_dict["goals_worked_on"] == [models.GOAL_NOT_THIS_CHILDS]
    assert not KeyWorkingSession.objects.exists()


def test_another_childs_goal_is_refused_with_the_other_errors(child, staff, sleep):
    sibling = ChildFactory(home=child.home, key_worker=staff)
    with pytest.raises(ValidationError) as error:
        services.key_working_log(
            child=sibling, author=staff, **details(staff, goals_worked_on=[sleep], duration_minutes=0)
        )
    assert set(error.value.message_dict) == {"goals_worked_on", "duration_minutes"}


def test_another_childs_goal_is_refused_when_editing_and_amending(child, staff, old_session):
    others_goal = GoalFactory(plan=signed(CarePlanFactory(child=ChildFactory(home=child.home))))
    fresh = KeyWorkingSessionFactory(child=child, staff_member=staff, author=staff)
    with pytest.raises(ValidationError) as error:
        services.key_working_edit(session=fresh, editor=staff, goals_worked_on=[others_goal])
    assert error.value.message_dict["goals_worked_on"] == [models.GOAL_NOT_THIS_CHILDS]
    with pytest.raises(ValidationError):
        services.key_working_amend(session=old_session, amended_by=staff, reason="x", goals_worked_on=[others_goal])
    assert not fresh.goals_worked_on.exists() and not old_session.goals_worked_on.exists()
    assert not old_session.amendments.exists()


def test_logging_and_editing_set_the_goals(child, staff, sleep, friends):
    session = services.key_working_log(child=child, author=staff, **details(staff, goals_worked_on=[sleep]))
    assert set(session.goals_worked_on.all()) == {sleep}
    services.key_working_edit(session=session, editor=staff, goals_worked_on=[friends])
    assert set(session.goals_worked_on.all()) == {friends}
    services.key_working_edit(session=session, editor=staff, topic="Only the topic")
    assert set(session.goals_worked_on.all()) == {friends}  # not given: left as they were


# --- amendments ------------------------------------------------------------------------------


def test_an_amendment_keeps_the_original_goals_and_shows_the_change(staff, old_session, sleep, friends):
    old_session.goals_worked_on.set([sleep])
    amendment = services.key_working_amend(
        session=old_session, amended_by=staff, reason="Wrong goal ticked", goals_worked_on=[friends, sleep]
    )
    assert amendment.previous_values["goals_worked_on"] == [sleep.pk]
    assert amendment.changed_fields == ["goals_worked_on"]
    assert set(old_session.goals_worked_on.all()) == {sleep, friends}
    session = KeyWorkingSession.objects.prefetch_related("amendments__amended_by", "goals_worked_on").get(
        pk=old_session.pk
    )
    original, amendments = services.key_working_versions(session)
    assert original["goals_worked_on"].value == "Settle to sleep"
    assert amendments[0].changes == [("Goals worked on", "Settle to sleep", "Settle to sleep; Make a friend at school")]


def test_the_same_goals_in_another_order_change_nothing(staff, old_session, sleep, friends):
    old_session.goals_worked_on.set([sleep, friends])
    with pytest.raises(ValidationError) as error:
        services.key_working_amend(session=old_session, amended_by=staff, reason="x", goals_worked_on=[friends, sleep])
    assert error.value.messages == [services.AMENDMENT_CHANGES_NOTHING]


def test_an_amendment_made_before_goals_were_recorded_still_reads(staff, old_session, sleep):
    amendment = services.key_working_amend(session=old_session, amended_by=staff, reason="Typo", topic="Fixed")
    del amendment.previous_values["goals_worked_on"]
    amendment.save()
    session = KeyWorkingSession.objects.prefetch_related("amendments__amended_by", "goals_worked_on").get(
        pk=old_session.pk
    )
    original, amendments = services.key_working_versions(session)
    assert original["goals_worked_on"].value == ""
    assert amendments[0].changes == [("Topic", "Settling into the new school week", "Fixed")]


def test_the_amendment_page_shows_the_goals_before_and_after(client_for, staff, manager, old_session, sleep, friends):
    old_session.goals_worked_on.set([sleep])
    data = form_data(staff, reason="Also worked on friendships", goals_worked_on=[sleep.pk, friends.pk])
    response = client_for(manager).post(reverse("key_working_amend", args=[old_session.pk]), data)
    assert response.status_code == 302
    page = client_for(staff).get(reverse("key_working_detail", args=[old_session.pk])).text
    assert "<del>Settle to sleep</del> → Settle to sleep; Make a friend at school" in page


# --- pages -----------------------------------------------------------------------------------


def test_logging_on_the_page_records_the_goals_and_shows_them(client_for, child, staff, sleep, friends):
    client = client_for(staff)
    response = client.post(reverse("key_working_add", args=[child.pk]), form_data(staff, goals_worked_on=[sleep.pk]))
    session = KeyWorkingSession.objects.get()
    assert set(session.goals_worked_on.all()) == {sleep}
    detail = client.get(response.url).text
    assert "Settle to sleep</a>" in detail and "Self-regulation" in detail
    assert "Make a friend" not in detail
    listing = client.get(reverse("key_working_list", args=[child.pk])).text
    assert "Goals worked on:</span> Settle to sleep" in listing


def test_the_plan_page_counts_sessions_per_goal_across_versions(client_for, child, staff, plan, sleep, friends):
    for _ in range(2):
        KeyWorkingSessionFactory(child=child).goals_worked_on.set([sleep])
    KeyWorkingSessionFactory(child=child, archived=True).goals_worked_on.set([sleep])  # not counted
    new, copies = revise(plan)
    # Worked on once more since the revision, and once on both versions' copies (counted once).
    KeyWorkingSessionFactory(child=child).goals_worked_on.set([copies[sleep.thread_id]])
    KeyWorkingSessionFactory(child=child).goals_worked_on.set([sleep, copies[sleep.thread_id]])
    # Another child's work on their own goal does not count here.
    other = GoalFactory(plan=signed(CarePlanFactory(child=ChildFactory(home=child.home))))
    KeyWorkingSessionFactory(child=other.plan.child).goals_worked_on.set([other])
    page = client_for(staff).get(reverse("care_plan_detail", args=[new.pk])).text
    assert "Worked on in 4 key-working sessions, across all versions of the plan" in page
    assert "Not worked on in key working yet" in page  # making a friend


def test_the_plan_page_runs_the_same_queries_however_many_sessions(client_for, child, staff, plan, sleep, friends):
    client = client_for(staff)
    url = reverse("care_plan_detail", args=[plan.pk])
    KeyWorkingSessionFactory(child=child).goals_worked_on.set([sleep])
    one = count_queries(client, url)
    for _ in range(5):
        KeyWorkingSessionFactory(child=child).goals_worked_on.set([sleep, friends])
    GoalFactory(plan=plan, title="A third goal")
    assert count_queries(client, url) == one


# --- the change history ----------------------------------------------------------------------


def test_goals_added_and_removed_are_in_the_change_history_by_title(child, staff, sleep, friends):
    session = services.key_working_log(child=child, author=staff, **details(staff, goals_worked_on=[sleep]))
    services.key_working_edit(session=session, editor=staff, goals_worked_on=[friends])
    changes = [
        entry.changes_dict["goals_worked_on"]
        for entry in LogEntry.objects.get_for_object(session).order_by("pk")
        if "goals_worked_on" in entry.changes_dict
    ]
    assert [(c["operation"], c["objects"]) for c in changes] == [
        ("add", ["Settle to sleep"]),
        ("delete", ["Settle to sleep"]),
        ("add", ["Make a friend at school"]),
    ]
