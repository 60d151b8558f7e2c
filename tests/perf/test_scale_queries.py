"""Issue 14: the queries that grew with the provider's history now read only what they show.
Each test checks the answer stays right (latest per course, archived sessions left out, both
ways of awaiting a signature) and that the indexes made for the history pages exist."""

import datetime

from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from children.selectors import last_key_working
from homes.dashboard import key_children
from supervision.models import TrainingRecord
from supervision.services.mine import my_supervision_summary
from supervision.services.training import training_matrix
from tests.children.factories import KeyWorkingSessionFactory
from tests.factories import ChildFactory, member
from tests.supervision.factories import make_session, make_training, staff_member
from tests.utils import count_queries, today


def test_awaiting_my_signature_finds_both_roles_once_each(home, manager, staff):
    as_supervisee = make_session(home=home, supervisor=manager, attendees=[staff])
    colleague = staff_member(home)
    as_supervisor = make_session(home=home, supervisor=staff, attendees=[colleague])
    both = make_session(home=home, supervisor=staff, attendees=[staff, colleague])  # a group she leads and attends
    make_session(home=home, supervisor=manager, attendees=[staff], signed=True)
    signed_by_her = make_session(home=home, supervisor=staff, attendees=[colleague])
    signed_by_her.supervisor_signed_at = timezone.now()
    signed_by_her.save()
    to_sign = my_supervision_summary(staff)["to_sign"]
    assert sorted(s.pk for s in to_sign) == sorted([as_supervisee.pk, as_supervisor.pk, both.pk])


def test_awaiting_my_signature_uses_no_join_or_distinct(home, manager, staff):
    from django.test.utils import CaptureQueriesContext

    make_session(home=home, supervisor=manager, attendees=[staff])
    with CaptureQueriesContext(connection) as queries:
        my_supervision_summary(staff)
    signing = [q["sql"] for q in queries if '"supervisor_signed_at" IS NULL' in q["sql"]]
    assert len(signing) == 1
    assert "DISTINCT" not in signing[0] and " JOIN " not in signing[0].split("WHERE")[0]
    assert "UNION" in signing[0] and " OR " not in signing[0]  # an OR reads every session to test it


def test_the_matrix_takes_each_courses_latest_completion_among_many(home):
    person = staff_member(home)
    for years in range(6, 0, -1):
        make_training(person, "Medication administration", today() - datetime.timedelta(days=365 * years))
    latest = make_training(person, "Medication administration", today() - datetime.timedelta(days=5))
    make_training(person, "Safeguarding children", today() - datetime.timedelta(days=900))
    cells = {cell.course.name: cell for cell in training_matrix([home])[home.pk][0].cells}
    assert cells["Medication administration"].record == latest
    assert cells["Medication administration"].status == TrainingRecord.Status.CURRENT
    assert cells["Safeguarding children"].status == TrainingRecord.Status.EXPIRED


def test_the_matrix_breaks_a_same_day_tie_by_the_later_record(home):
    person = staff_member(home)
    make_training(person, "Medication administration", today() - datetime.timedelta(days=5))
    second = make_training(person, "Medication administration", today() - datetime.timedelta(days=5))
    cells = {cell.course.name: cell for cell in training_matrix([home])[home.pk][0].cells}
    assert cells["Medication administration"].record == second


def test_last_key_working_leaves_out_archived_sessions(home, child):
    KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=9))
    archived = KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=1))
    archived.archived = True
    archived.save()
    ChildFactory(home=home, preferred_name="Zoë")
    found = dict(type(child).objects.filter(home=home).annotate(last=last_key_working()).values_list("pk", "last"))
    assert timezone.localdate(found[child.pk]) == today() - datetime.timedelta(days=9)
    assert list(found.values()).count(None) == 1


def test_key_children_and_the_due_panel_read_no_aggregate(client_for, manager, staff, home, child):
    KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=20))
    (row,) = key_children(staff)
    assert row.days_since == 20
    client = client_for(manager)
    one = count_queries(client, reverse("dashboard"))
    for _ in range(5):
        KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=30))
    assert count_queries(client, reverse("dashboard")) == one


def test_the_history_indexes_exist(db):
    """homes/migrations/0008: the audit log's own indexes for a record's changes and its reads."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "auditlog_logentry")
    assert {"auditlog_object_changes_idx", "auditlog_object_reads_idx"} <= set(constraints)
    if connection.vendor == "postgresql":
        assert "auditlog_record_rows_idx" in constraints


def test_provider_wide_dashboards_show_one_row_per_home_not_every_child(
    client_for, administrator, clinical_lead, home, other_home, child
):
    """Issue 14: forty homes' children made the administrator's and clinical lead's dashboards
    slow and 315 KB; they get one summary row per home."""
    ChildFactory(home=other_home, preferred_name="Kacper")
    for person in (administrator, clinical_lead):
        page = client_for(person).get(reverse("dashboard")).text
        homes = page[page.index('id="homes-heading"') :]
        homes = homes[: homes.index("</section>")]
        assert home.name in homes and other_home.name in homes
        assert "1 of" in homes and reverse("home_detail", args=[other_home.pk]) in homes
        # Action panels may name a child who needs something; the homes list no child.
        assert "Kacper" not in homes and reverse("child_detail", args=[child.pk]) not in homes
        assert 'id="home-' not in page  # no card per home listing its children
        # Nor ten section buttons a home: the home's page has its sections as tabs.
        assert reverse("incident_list", args=[home.pk]) not in homes


def test_provider_wide_dashboards_run_the_same_queries_for_two_homes_or_six(client_for, clinical_lead, home):
    """The sections' role checks read the person's memberships once, not once a home."""
    from tests.factories import HomeFactory

    client = client_for(clinical_lead)
    ChildFactory(home=home)
    ChildFactory(home=HomeFactory())
    few = count_queries(client, reverse("dashboard"))
    for _ in range(4):
        ChildFactory(home=HomeFactory())
    assert count_queries(client, reverse("dashboard")) == few


def test_roles_known_answers_without_queries_and_forgets_after(home, manager, other_home):
    from django.test.utils import CaptureQueriesContext

    from homes import access

    with access.roles_known(manager):
        with CaptureQueriesContext(connection) as queries:
            assert access.role_in(manager, home) == "manager"
            assert access.role_in(manager, other_home) is None
        assert len(queries) == 0
    assert not hasattr(manager, "_roles_known")


def test_roles_known_nested_reads_the_memberships_once(home, manager):
    from django.test.utils import CaptureQueriesContext

    from homes import access

    with CaptureQueriesContext(connection) as queries, access.roles_known(manager):
        with access.roles_known(manager):  # a panel's own block, inside the page's
            assert access.roles_of(manager) == {home.pk: "manager"}
        assert access.runs_home(manager, home)  # the inner block's end forgets nothing
    assert len(queries) == 1
    assert not hasattr(manager, "_roles_known")


def test_reach_within_roles_known_is_the_same_without_asking_the_memberships_again(home, other_home):
    """Inside `roles_known` (every reading request) the homes and children a person
    reaches come from the memberships already read, as ids, not from a subquery on the
    memberships each time: the same homes and children, ended memberships still granting nothing."""
    from django.test.utils import CaptureQueriesContext

    from homes import access
    from homes.models import Membership
    from tests.factories import HomeFactory, MembershipFactory

    person = member(home, Membership.Role.DEPUTY_MANAGER)
    MembershipFactory(user=person, home=other_home, role=Membership.Role.CARE_STAFF)
    left = HomeFactory()
    MembershipFactory(user=person, home=left, role=Membership.Role.MANAGER, ended_on=today())
    assigned_elsewhere = ChildFactory(home=HomeFactory(), assessor=person)
    for place in (home, other_home, left):
        ChildFactory(home=place)

    def reach():
        return (
            set(access.homes_for(person)),
            set(access.homes_with_role(person, Membership.MANAGING_ROLES)),
            set(access.children_for(person)),
        )

    outside = reach()
    assert outside[0] == {home, other_home} and outside[1] == {home}
    assert assigned_elsewhere in outside[2] and len(outside[2]) == 3
    with access.roles_known(person), CaptureQueriesContext(connection) as queries:
        assert reach() == outside
    assert not any("homes_membership" in query["sql"] for query in queries.captured_queries)


def test_a_reading_page_asks_the_persons_roles_once(client_for, staff, child):
    """Issue 14: each panel, tab and button of a child's page asked the person's role in the home
    again (17 identical queries on the demo child's page, half the page's); a reading request now
    reads the person's memberships once, when first asked."""
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    url = reverse("child_detail", args=[child.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    roles_read = 'SELECT "homes_membership"."home_id" AS "home_id", "homes_membership"."role"'
    assert not [q for q in sql if q.startswith('SELECT "homes_membership"."role"')]  # role_in: one home's
    assert len([q for q in sql if q.startswith(roles_read)]) == 1


def test_roles_are_kept_for_reading_requests_only_and_forgotten_after(rf, staff):
    from homes.middleware import RolesKnownMiddleware

    seen = {}

    def view(request):
        seen[request.method] = hasattr(request.user, "_roles_known")
        return HttpResponse()

    for method in ("get", "head", "post"):
        request = getattr(rf, method)("/")
        request.user = staff
        RolesKnownMiddleware(view)(request)
        assert not hasattr(staff, "_roles_known")
    assert seen == {"GET": True, "HEAD": True, "POST": False}


def test_the_dashboard_reads_the_persons_memberships_once(client_for, manager, home):
    """Issue 14: each panel asked for the person's roles again (seven membership queries on a
    manager's dashboard); the page now reads them once for all its panels and sections."""
    from django.test.utils import CaptureQueriesContext

    ChildFactory(home=home)
    with CaptureQueriesContext(connection) as queries:
        assert client_for(manager).get(reverse("dashboard")).status_code == 200
    roles = 'SELECT "homes_membership"."home_id" AS "home_id", "homes_membership"."role" AS "role" FROM'
    assert len([q for q in queries if q["sql"].startswith(roles)]) == 1


def test_the_homes_leavers_and_staff_are_paged_with_constant_queries(client_for, manager, home):
    """Issue 14: the lists that grow for as long as the home runs are paged."""
    from homes.views import HOME_LIST_PAGE_SIZE

    url = reverse("home_detail", args=[home.pk])
    client = client_for(manager)
    ChildFactory(home=home, discharge_date=today(), discharge_destination="Home")
    few = count_queries(client, url)
    left_on = {}
    for n in range(HOME_LIST_PAGE_SIZE + 3):
        child = ChildFactory(home=home, preferred_name=f"Leaver {n:02d}")
        child.discharge_date = child.admission_date + datetime.timedelta(days=n + 1)
        child.save()
        left_on[child.preferred_name] = child.discharge_date
        staff_member(home)
    assert count_queries(client, url) == few
    first = client.get(url).text
    second = client.get(url, {"left": 2}).text
    assert "Leaver 27" in first and "Leaver 00" not in first  # the most recent leavers first
    assert "Leaver 00" in second and "Leaver 27" not in second
    assert "Left earlier" in first and "Left more recently" in second
    assert "?staff=2" in first


def test_the_audit_log_list_never_counts_or_scans_the_whole_log(client_for, child):
    """Issue 14: at four million entries, COUNT(*), the year drill-down's DISTINCT and the kind of
    record filter's DISTINCT each read the whole log on every page of the admin's list."""
    from django.test.utils import CaptureQueriesContext

    from homes.models import User
    from homes.paginators import EXACT_COUNT_UP_TO
    from tests.factories import UserFactory

    administrator = UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = client_for(administrator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert response.status_code == 200
    page = response.text
    for sql in (q["sql"] for q in queries if "auditlog_logentry" in q["sql"]):
        assert "DISTINCT" not in sql
        assert not sql.startswith('SELECT COUNT(*) AS "__count" FROM "auditlog_logentry"'), sql
        if "COUNT(" in sql:
            assert f"LIMIT {EXACT_COUNT_UP_TO + 1}" in sql
    assert "Past 7 days" in page and "keyworkingsession" in page  # the filters, without the scans
    assert "?_facets=True" not in page


def test_the_admin_lists_that_grow_for_years_show_fifty_rows_a_page(client_for, home):
    """People, children and the audit log grow as long as the provider runs: searched and
    filtered, fifty rows a page (half the time of Django's hundred)."""
    from homes.models import User
    from tests.factories import ChildFactory, UserFactory

    administrator = UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True)
    for _ in range(55):
        UserFactory()
    ChildFactory.create_batch(55, home=home)
    client = client_for(administrator)
    for name in ("homes_user", "children_child", "auditlog_logentry"):
        changelist = client.get(reverse(f"admin:{name}_changelist")).context["cl"]
        assert len(changelist.result_list) == 50 and changelist.result_count > 50, name


def test_the_estimated_paginator_counts_small_lists_exactly_and_estimates_large_ones(db, monkeypatch, home):
    from homes import paginators
    from homes.models import Home
    from tests.factories import HomeFactory

    for _ in range(4):
        HomeFactory()
    assert paginators.EstimatedCountPaginator(Home.objects.all(), 2).count == 5
    monkeypatch.setattr(paginators, "EXACT_COUNT_UP_TO", 3)
    estimated = paginators.EstimatedCountPaginator(Home.objects.all(), 2).count
    assert estimated >= 4  # more than it counts exactly: the planner's estimate, never fewer than counted
    if connection.vendor != "postgresql":
        assert estimated == 5


def test_the_childs_reads_are_paged_older_and_newer_without_a_count(client_for, manager, child, monkeypatch):
    """Issue 14: a child is read thousands of times over a placement; counting every read on
    each visit to the history grew with it. The reads are paged by one row more than shown."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.test.utils import CaptureQueriesContext

    from children.views import child as child_views

    monkeypatch.setattr(child_views, "HISTORY_PAGE_SIZE", 3)
    kind = ContentType.objects.get_for_model(child)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=kind, object_pk=str(child.pk), object_id=child.pk, object_repr="x", action=3, actor=manager
        )
        for _ in range(4)
    )  # with the page's own read: five
    client = client_for(manager)
    url = reverse("child_history", args=[child.pk])
    with CaptureQueriesContext(connection) as queries:
        first = client.get(url).text
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and '"action" = 3' in q["sql"]]
    assert not [sql for sql in counts if 'NOT ("auditlog_logentry"."action" = 3)' not in sql]  # changes only
    assert "?reads=2" in first and "Page 1<" in first and "Page 1 of" not in first.split('id="reads-heading"')[1]
    second = client.get(url + "?reads=2").text.split('id="reads-heading"')[1]
    assert "?reads=1" in second and "?reads=3" not in second
    assert second.count("<tr><td>") == 3  # the other two, and the read of the first visit


def test_the_sessions_a_person_may_know_of_need_no_join_or_distinct(home, manager, staff):
    """Issue 14: "my open actions" on every task list read every session of the provider through
    an OR across a join with DISTINCT; attendance is now a subquery on its (person, session) index."""
    from homes import access

    theirs = make_session(home=home, supervisor=manager, attendees=[staff])
    make_session(home=home, supervisor=manager, attendees=[staff_member(home)])
    sessions = access.supervision_sessions_for(staff).filter(access.supervision_content_readable_by(staff))
    assert list(sessions) == [theirs]
    sql = str(sessions.query)
    assert "DISTINCT" not in sql and " JOIN " not in sql.split("WHERE")[0]


def _meeting(tracker, manager, assessor, **signed):
    from tracker.models import ReviewMeeting

    return ReviewMeeting.objects.create(
        tracker=tracker, held_on=today(), manager=manager, assessor=assessor, decisions="Carry on.", **signed
    )


def test_monthly_review_tasks_take_two_indexed_queries_not_an_or_across_every_tracker(manager, assessor, home, child):
    """The meetings not held, and those held that wait for the person's signature: each its own
    query (the meetings through partial indexes of unsigned rows), both still found."""
    import datetime as dt

    from django.test.utils import CaptureQueriesContext

    from homes.extensions import task_sources
    from tracker.models import MonthlyTracker
    from tracker.months import first_of, previous_month

    child.assessor = assessor
    child.save()
    last_month = previous_month(first_of(today()))
    not_held = MonthlyTracker.objects.create(child=child, month=previous_month(last_month))
    held = MonthlyTracker.objects.create(child=child, month=last_month)
    _meeting(held, manager, assessor, assessor_signed_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        found = list(task_sources["monthly-reviews"].tasks(manager, today(), today() + dt.timedelta(days=14)))
    assert {(task.kind, task.url) for task in found} == {
        ("Monthly review meeting", reverse("tracker_detail", args=[not_held.pk])),
        ("Sign the monthly review", reverse("tracker_detail", args=[held.pk])),
    }
    assert len(queries) == 2
    theirs = task_sources["monthly-reviews"].tasks(assessor, today(), today() + dt.timedelta(days=14))
    assert [task.kind for task in theirs] == ["Monthly review meeting"]  # the assessor has signed
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "tracker_reviewmeeting")
    assert {"meeting_manager_unsigned_idx", "meeting_assessor_unsigned_idx"} <= set(indexes)


def test_overdue_reviews_read_only_the_trackers_still_open(client_for, manager, assessor, home, child):
    """The dashboard's overdue panel and the meetings-not-held tasks read the open trackers
    (tracker_open_idx: a locked tracker had its meeting signed by both), not five years of months;
    the months still found are the same."""
    import datetime as dt

    from django.test.utils import CaptureQueriesContext

    from homes.extensions import task_sources
    from tracker.models import MonthlyTracker
    from tracker.months import first_of, previous_month

    child.assessor = assessor
    child.save()
    last_month = previous_month(first_of(today()))
    signed = MonthlyTracker.objects.create(child=child, month=previous_month(previous_month(last_month)))
    _meeting(signed, manager, assessor, manager_signed_at=timezone.now(), assessor_signed_at=timezone.now())
    MonthlyTracker.objects.filter(pk=signed.pk).update(locked_at=timezone.now())
    not_held = MonthlyTracker.objects.create(child=child, month=previous_month(last_month))
    with CaptureQueriesContext(connection) as queries:
        found = list(task_sources["monthly-reviews"].tasks(manager, today(), today() + dt.timedelta(days=14)))
        page = client_for(manager).get(reverse("dashboard")).content.decode()
    assert [task.url for task in found] == [reverse("tracker_detail", args=[not_held.pk])]
    assert reverse("tracker_detail", args=[not_held.pk]) in page
    reading_trackers = [
        q["sql"] for q in queries if q["sql"].split(" FROM ", 1)[-1].startswith('"tracker_monthlytracker"')
    ]
    assert reading_trackers and all('"tracker_monthlytracker"."locked_at" IS NULL' in sql for sql in reading_trackers)
    with connection.cursor() as cursor:
        assert "tracker_open_idx" in connection.introspection.get_constraints(cursor, "tracker_monthlytracker")


def test_a_server_process_freezes_what_it_loads_at_start():
    """config/wsgi.py: what gunicorn's worker loads (models, every view) is frozen out of the
    garbage collector's full passes, which otherwise add 100-300 ms to one request in dozens.
    In a process of its own, so that this one is left as it is."""
    import subprocess
    import sys

    from django.conf import settings

    code = "import gc, config.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=settings.BASE_DIR, timeout=120
    )
    assert int(result.stdout.split()[-1]) > 50_000
