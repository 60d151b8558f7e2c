import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from children.brain import Region
from tests.children.factories import GoalFactory, KeyWorkingSessionFactory
from tests.tracker.records import at, month_of_records, plan_with_goals
from tracker.prefill import NO_DOMAIN, month_summary


@pytest.fixture
def goals(tracker):
    return plan_with_goals(tracker.child, tracker.month)[1]


def test_key_working_counts_the_months_sessions_and_quotes_the_child_with_dates(tracker, assessor, goals):
    month_of_records(tracker.child, assessor, tracker.month, sessions=3, goals=goals)
    KeyWorkingSessionFactory(child=tracker.child, happened_at=at(tracker.month - datetime.timedelta(days=1)))
    summary = month_summary(tracker.child, tracker.month)
    assert summary.key_working_count == 3
    assert summary.key_working_minutes == 120
    assert [q.words for q in summary.quotes] == [f"I liked the swimming, number {n}." for n in range(3)]
    assert summary.quotes[0].when.date() == tracker.month + datetime.timedelta(days=2)


def test_activities_are_counted_by_domain_bottom_up(tracker, assessor):
    month_of_records(tracker.child, assessor, tracker.month, sessions=2)
    from tests.children.factories import ActivityFactory

    ActivityFactory(child=tracker.child, date=tracker.month, region="", duration_minutes=10)
    ActivityFactory(child=tracker.child, date=tracker.month_end + datetime.timedelta(days=1))  # next month
    rows = [(r.label, r.count, r.minutes) for r in month_summary(tracker.child, tracker.month).activities]
    assert rows == [(Region.BRAINSTEM.label, 1, 30), (Region.LIMBIC.label, 2, 90), (NO_DOMAIN, 1, 10)]


def test_attendance_rates_for_education_then_psychotherapy(tracker, assessor):
    month_of_records(tracker.child, assessor, tracker.month)
    rows = [(r.kind, r.attended, r.possible, r.percent) for r in month_summary(tracker.child, tracker.month).attendance]
    assert rows == [("education", 3, 4, 75), ("psychotherapy", 1, 1, 100)]


def test_a_reassessment_finalised_in_the_month_is_compared_with_the_one_before(tracker, assessor):
    month_of_records(tracker.child, assessor, tracker.month)
    [reassessment] = month_summary(tracker.child, tracker.month).reassessments
    assert reassessment.previous is not None
    assert {change.change for change in reassessment.changes} == {"improved"}
    assert month_summary(tracker.child, tracker.month - datetime.timedelta(days=40)).reassessments == []


def test_plan_and_risk_assessment_versions_started_or_signed_in_the_month(tracker, assessor, goals):
    month_of_records(tracker.child, assessor, tracker.month)
    changes = month_summary(tracker.child, tracker.month).version_changes
    assert [(c.record, c.version.version, c.signed_off) for c in changes] == [("Risk assessment", 1, True)]


def test_the_goals_are_the_open_goals_of_the_plan_in_force_with_the_months_key_working(tracker, assessor, goals):
    GoalFactory(plan=goals[0].plan, title="Already done", status="achieved")
    month_of_records(tracker.child, assessor, tracker.month, sessions=2, goals=goals)
    summary = month_summary(tracker.child, tracker.month)
    assert summary.plan == goals[0].plan
    assert [(row.goal.title, row.key_working, row.progress) for row in summary.goals] == [
        ("Settle to sleep", 2, None),
        ("Ask an adult for help", 0, None),
    ]


def test_a_plan_signed_after_the_month_is_not_the_months_plan(tracker):
    plan_with_goals(tracker.child, tracker.month_end + datetime.timedelta(days=25))
    summary = month_summary(tracker.child, tracker.month)
    assert summary.plan is None and summary.goals == []


def test_the_summary_takes_the_same_queries_for_one_record_or_many(tracker, assessor, child):
    from tests.factories import ChildFactory
    from tests.tracker.factories import TrackerFactory

    few_goals = plan_with_goals(tracker.child, tracker.month)[1]
    month_of_records(tracker.child, assessor, tracker.month, sessions=1, goals=few_goals)
    other = ChildFactory(home=child.home, key_worker=child.key_worker, assessor=assessor)
    many_tracker = TrackerFactory(child=other, month=tracker.month)
    many_goals = plan_with_goals(other, tracker.month, titles=[f"Goal {n}" for n in range(6)])[1]
    month_of_records(other, assessor, tracker.month, sessions=12, goals=many_goals)

    def queries(t) -> int:
        with CaptureQueriesContext(connection) as captured:
            month_summary(t.child, t.month)
        return len(captured)

    assert queries(tracker) == queries(many_tracker)


def test_the_tracker_page_takes_the_same_queries_for_one_record_or_many(client, tracker, assessor, child, manager):
    from django.urls import reverse

    from tests.factories import ChildFactory
    from tests.tracker.factories import TrackerFactory

    month_of_records(child, assessor, tracker.month, sessions=1, goals=plan_with_goals(child, tracker.month)[1])
    other = ChildFactory(home=child.home, key_worker=child.key_worker, assessor=assessor)
    busy = TrackerFactory(child=other, month=tracker.month)
    titles = [f"Goal {n}" for n in range(6)]
    month_of_records(
        other, assessor, tracker.month, sessions=12, goals=plan_with_goals(other, tracker.month, titles)[1]
    )
    client.force_login(manager)

    def queries(t) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("tracker_detail", args=[t.pk])).status_code == 200
        return len(captured)

    queries(tracker)  # the first request warms the session and the content types
    assert queries(tracker) == queries(busy)
