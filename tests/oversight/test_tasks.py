"""Each person's list of what is due (issue 12, item 4): derived from the records, overdue first,
only what is theirs to do, linking to the page that resolves it."""

import datetime
import re

import pytest
from django.urls import reverse

from homes.extensions import tasks_for
from tests.children.factories import CarePlanFactory, RiskAssessmentFactory, signed
from tests.factories import ChildFactory
from tests.supervision.factories import make_action, make_session, make_training
from tests.tracker.factories import MeetingFactory, TrackerFactory
from tests.utils import count_queries, today

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def kinds(user, day=None):
    return [(task.kind, task.about) for task in tasks_for(user, day or today())]


def test_a_review_past_its_date_is_overdue_for_the_homes_managers_only(child, manager, deputy, staff, other_manager):
    plan = signed(CarePlanFactory(child=child, review_date=today() - 3 * DAY))

    assert ("Care plan review", "Siobhán") in kinds(manager)
    assert ("Care plan review", "Siobhán") in kinds(deputy)
    assert ("Care plan review", "Siobhán") not in kinds(staff)  # not theirs to do
    assert not [kind for kind, about in kinds(other_manager) if about == "Siobhán"]
    task = next(task for task in tasks_for(manager, today()) if task.kind == "Care plan review")
    assert task.is_overdue(today()) and task.url == reverse("care_plan_detail", args=[plan.pk])


def test_a_review_beyond_two_weeks_is_not_listed_yet(child, manager):
    signed(RiskAssessmentFactory(child=child, review_date=today() + 15 * DAY))
    assert ("Risk assessment review", "Siobhán") not in kinds(manager)
    assert ("Risk assessment review", "Siobhán") in kinds(manager, today() + 2 * DAY)


def test_a_draft_waits_for_the_managers_signature(child, manager):
    CarePlanFactory(child=child)
    assert ("Sign off care plan draft", "Siobhán") in kinds(manager)


def test_an_assessment_due_is_the_assessors_task(home, assessor, manager):
    ChildFactory(home=home, preferred_name="Ruby", assessor=assessor)  # never assessed: due soon after admission
    assert ("First assessment", "Ruby") in kinds(assessor, today() + 60 * DAY)
    # While a child has an assessor, the managers are not asked to assess them.
    assert ("First assessment", "Ruby") not in kinds(manager, today() + 60 * DAY)


def test_a_monthly_review_not_held_and_then_unsigned(child, manager, assessor):
    child.assessor = assessor
    child.save()
    tracker = TrackerFactory(child=child)  # last month
    due = tracker.month.replace(day=20) + datetime.timedelta(days=40)
    due = due.replace(day=20)
    assert ("Monthly review meeting", f"Siobhán, {tracker.month:%B %Y}") in kinds(manager, due)
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor)
    assert ("Sign the monthly review", f"Siobhán, {tracker.month:%B %Y}") in kinds(manager, due)
    assert ("Sign the monthly review", f"Siobhán, {tracker.month:%B %Y}") in kinds(assessor, due)


def test_supervision_signatures_actions_and_renewals(home, manager, staff):
    session = make_session(home=home, supervisor=manager, attendees=[staff])
    make_action(session, staff, due_on=today() + 5 * DAY)
    make_training(staff, "Safeguarding children", today() - datetime.timedelta(days=365 * 3))

    mine = kinds(staff)
    assert ("Sign the supervision record", f"Individual clinical supervision, {session.held_on:%-d %b %Y}") in mine
    assert ("Supervision action", f"from {session.held_on:%-d %b %Y}") in mine
    assert any(kind == "Your training renewal" for kind, _ in mine)
    theirs = kinds(manager)
    assert any(kind == "Sign the supervision record" for kind, _ in theirs)
    assert ("Training renewal", "Jess Whitfield: Safeguarding children") in theirs
    # Supervision content never appears in a task.
    assert not any("SECRET" in about.upper() for _, about in mine + theirs)


def test_a_managers_own_renewal_is_read_with_their_homes_training(home, manager, staff):
    """The manager is in the training matrix of the home they run: their own renewals come from
    it, the courses and completions read once (issue 14)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_training(manager, "Safeguarding children", today() - datetime.timedelta(days=365 * 3))
    make_training(staff, "Safeguarding children", today() - datetime.timedelta(days=365 * 3))
    with CaptureQueriesContext(connection) as queries:
        theirs = kinds(manager)
    assert ("Your training renewal", "Safeguarding children") in theirs
    assert ("Training renewal", "Jess Whitfield: Safeguarding children") in theirs
    assert not [about for kind, about in theirs if kind == "Training renewal" and manager.full_name in about]
    assert sum('FROM "supervision_course"' in query["sql"] for query in queries) == 1


def test_the_page_lists_overdue_first_and_links_each_task(client, child, manager):
    signed(CarePlanFactory(child=child, review_date=today() - 3 * DAY))
    signed(RiskAssessmentFactory(child=child, review_date=today() + 5 * DAY))
    client.force_login(manager)
    page = client.get(reverse("task_list")).content.decode()
    assert page.index("Care plan review: Siobhán") < page.index("Risk assessment review: Siobhán")
    assert page.index('id="tasks-overdue"') < page.index("Care plan review") < page.index('id="tasks-coming"')
    assert "Overdue since" in page
    assert f"data-tasks-due>{len(tasks_for(manager, today()))}<" in page  # the navigation's count


def test_the_page_costs_the_same_queries_however_many_tasks(client, home, manager):
    ChildFactory(home=home)
    client.force_login(manager)
    one = count_queries(client, reverse("task_list"))
    for _ in range(4):
        signed(CarePlanFactory(child=ChildFactory(home=home), review_date=today() - DAY))
    assert count_queries(client, reverse("task_list")) == one


def test_care_staff_see_their_own_list(client, staff):
    client.force_login(staff)
    response = client.get(reverse("task_list"))
    assert response.status_code == 200
    assert b"Nothing overdue." in response.content


def test_the_page_needs_a_login_and_changes_nothing_on_post(client, manager):
    assert client.get(reverse("task_list")).status_code == 302
    client.force_login(manager)
    assert client.post(reverse("task_list")).status_code == 405
    assert client.get(reverse("task_digest")).status_code == 405


def test_an_inspector_has_no_task_list_in_the_navigation(client, db):
    from tests.factories import UserFactory

    inspector = UserFactory()
    client.force_login(inspector)
    assert b"What's due" not in client.get(reverse("shared_evidence")).content


def test_the_navigation_knows_who_works_in_a_home_from_the_roles_already_read(client_for, home, staff, child):
    """The navigation's "What's due" is for people with a role in a home (or who see every home):
    told from the memberships the page reads once for its role checks, not a query of its own on
    every page (issue 14). A leaver's ended membership is no role."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("child_detail", args=[child.pk])).content
    assert b"What's due" in page
    read = [query["sql"] for query in queries if re.match(r'SELECT [^(]*? FROM "homes_membership"', query["sql"])]
    assert len(read) == 1, read  # the person's roles, read once
    from tests.factories import MembershipFactory

    left = MembershipFactory(home=home, started_on=today() - 400 * DAY, ended_on=today() - DAY)
    assert b"What's due" not in client_for(left.user).get(reverse("shared_evidence")).content


def _a_home_with_work_due(manager, assessor):
    """A home with something due from several task sources: a plan draft and a plan review, a
    month without its meeting, a health assessment, a supervision record to sign, a renewal."""
    from homes.models import Membership
    from tests.factories import HomeFactory
    from tests.health.factories import HealthAssessmentFactory
    from tests.supervision.factories import staff_member

    home = HomeFactory()
    Membership.objects.create(user=manager, home=home, role=Membership.Role.MANAGER)
    Membership.objects.create(user=assessor, home=home, role=Membership.Role.ASSESSOR)
    for name in ("Ada", "Ben"):
        child = ChildFactory(home=home, preferred_name=name, assessor=assessor)
        CarePlanFactory(child=child)
        signed(RiskAssessmentFactory(child=child, review_date=today() - DAY))
        TrackerFactory(child=child, month=(today().replace(day=1) - datetime.timedelta(days=75)).replace(day=1))
        HealthAssessmentFactory(child=child, due_on=today() + 3 * DAY)
    worker = staff_member(home)
    make_session(home=home, supervisor=manager, attendees=[worker])
    make_training(worker, "Safeguarding children", today() - datetime.timedelta(days=365 * 3))
    return home


@pytest.mark.parametrize("persona", ["manager", "administrator", "clinical_lead"])
def test_the_page_costs_the_same_queries_however_many_homes_and_children(
    request, client_for, manager, assessor, persona
):
    """Issue 14: every task source reads its records in one batch, never a query per home, child
    or record, so the list (and the navigation's count, which runs the same sources) costs the
    same for one home as for four."""
    from django.core.cache import cache

    person = request.getfixturevalue(persona)
    client = client_for(person)
    _a_home_with_work_due(manager, assessor)
    cache.clear()
    few = count_queries(client, reverse("task_list"))
    tasks = len(tasks_for(person, today()))
    for _ in range(3):
        _a_home_with_work_due(manager, assessor)
    cache.clear()
    assert count_queries(client, reverse("task_list")) == few
    if persona == "manager":
        assert len(tasks_for(person, today())) > tasks  # the work did grow


def test_the_page_runs_the_task_sources_once_and_sets_the_navigations_count(client_for, manager, assessor):
    """The page's list gives the navigation its count: the sources are not run a second time."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _a_home_with_work_due(manager, assessor)
    client = client_for(manager)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("task_list")).text
    plans = [q for q in queries if 'FROM "children_careplan"' in q["sql"]]
    assert len(plans) == 1
    assert f"data-tasks-due>{len(tasks_for(manager, today()))}<" in page


def test_no_page_waits_on_the_navigations_count(client_for, manager, child, nav_count_cached):
    """Issue 14: the count runs every app's task sources (100-200 ms at 40 homes). A page shows
    it only when it is known from the last two minutes; otherwise the badge comes empty with the
    address the page asks once loaded, and the page runs no task source."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed(CarePlanFactory(child=child, review_date=today() - 3 * DAY))
    client = client_for(manager)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("my_supervision")).text
    asking = f'data-tasks-due-from="{reverse("task_count")}" hidden'
    assert asking in page and "data-tasks-due>" not in page
    assert not [q for q in queries if 'FROM "children_careplan"' in q["sql"]]  # no task source ran

    answer = client.get(reverse("task_count"))
    assert answer.json() == {"count": len(tasks_for(manager, today()))} and answer.json()["count"] >= 1
    assert "no-store" in answer["Cache-Control"]
    page = client.get(reverse("my_supervision")).text  # known now: shown as the page is drawn
    assert f"data-tasks-due>{answer.json()['count']}<" in page and asking not in page


def test_the_count_persona_matrix(client, client_for, manager):
    """Signed-in people only, each their own count; GET only."""
    assert client.get(reverse("task_count")).status_code == 302  # to the login page
    mine = client_for(manager)
    assert mine.get(reverse("task_count")).status_code == 200
    assert mine.post(reverse("task_count")).status_code == 405


def test_asking_for_the_count_does_not_keep_a_session_alive(client_for, manager):
    """The page's script asks, not the person: like the packs' progress, it is no activity (and
    an answer in flight never writes over a session just ended)."""
    from homes.session_limits import LAST_ACTIVITY

    client = client_for(manager)
    session = client.session
    session[LAST_ACTIVITY] -= 600
    session.save()
    before = client.session[LAST_ACTIVITY]
    assert client.get(reverse("task_count")).status_code == 200
    assert client.session[LAST_ACTIVITY] == before
