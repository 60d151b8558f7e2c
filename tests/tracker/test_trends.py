"""Trends: the figures per month (worked by hand), the charts and the page."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from children.models import ProvisionArrangement, ProvisionSession
from tests.children.factories import (
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    ProvisionSessionFactory,
)
from tests.utils import earlier_today
from tracker.trends import (
    attendance_trends,
    child_trends,
    goal_trends,
    key_working_by_month,
    trend_charts,
    trend_months,
)

LONDON = ZoneInfo("Europe/London")
SEP, OCT, NOV = (datetime.date(2026, month, 1) for month in (9, 10, 11))


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def admitted(child):
    child.admission_date = datetime.date(2025, 3, 14)
    child.save()
    return child


# --- the months -----------------------------------------------------------------------------


def test_twelve_months_up_to_the_month_given(admitted):
    months = trend_months(admitted, datetime.date(2026, 11, 25))
    assert len(months) == 12 and months[0] == datetime.date(2025, 12, 1) and months[-1] == NOV


def test_months_before_admission_are_not_shown(child):
    child.admission_date = datetime.date(2026, 9, 20)
    assert trend_months(child, datetime.date(2026, 11, 3)) == [SEP, OCT, NOV]


# --- key working ------------------------------------------------------------------------------


def test_key_working_is_counted_in_the_london_month_it_happened(admitted):
    for day in (datetime.date(2026, 9, 2), datetime.date(2026, 9, 29), datetime.date(2026, 10, 5)):
        KeyWorkingSessionFactory(child=admitted, happened_at=at(day))
    # 00:30 on 1 October in London is still 30 September in UTC: it counts for October.
    KeyWorkingSessionFactory(child=admitted, happened_at=at(datetime.date(2026, 10, 1), 0, 30))
    KeyWorkingSessionFactory(child=admitted, happened_at=at(datetime.date(2026, 10, 9)), archived=True)
    KeyWorkingSessionFactory(child=admitted, happened_at=at(datetime.date(2026, 8, 31), 23, 0))  # before the window
    assert key_working_by_month(admitted, [SEP, OCT, NOV]) == [(SEP, 2), (OCT, 2), (NOV, 0)]


# --- attendance ---------------------------------------------------------------------------------


def test_attendance_is_education_and_psychotherapy_only_aligned_on_the_months(admitted):
    therapy = ProvisionArrangementFactory(child=admitted, start_date=datetime.date(2026, 10, 1))
    Status = ProvisionSession.Status
    # October: 3 attended of 4 possible (a provider's cancellation is not the child's absence) = 75%.
    for day, status in [
        (6, Status.ATTENDED),
        (13, Status.ATTENDED),
        (20, Status.ATTENDED),
        (27, Status.DID_NOT_ATTEND),
    ]:
        ProvisionSessionFactory(arrangement=therapy, date=datetime.date(2026, 10, day), status=status)
    ProvisionSessionFactory(arrangement=therapy, date=datetime.date(2026, 10, 30), status=Status.CANCELLED_BY_PROVIDER)
    # November: only a provider's cancellation, so no rate.
    ProvisionSessionFactory(arrangement=therapy, date=datetime.date(2026, 11, 3), status=Status.CANCELLED_BY_PROVIDER)
    ProvisionArrangementFactory(child=admitted, kind=ProvisionArrangement.Kind.OTHER_THERAPY, provider="OT")

    (trend,) = attendance_trends(admitted, [SEP, OCT, NOV])
    assert trend.arrangement == therapy
    assert trend.percents == [(SEP, None), (OCT, 75), (NOV, None)]


# --- goal progress --------------------------------------------------------------------------------


def test_goal_progress_per_thread_with_its_latest_words():
    rows = [
        (OCT, 1, "Falls asleep with help", "progressing"),
        (SEP, 1, "Falls asleep", "emerging"),
        (OCT, 2, "Tells an adult when worried", "no_change"),
        (datetime.date(2020, 1, 1), 3, "Long ago", "achieved"),  # outside the months shown
    ]
    first, second = goal_trends(rows, [SEP, OCT, NOV])
    assert (first.thread_id, first.title) == (1, "Falls asleep with help")
    assert first.progress == [(SEP, "emerging"), (OCT, "progressing"), (NOV, None)]
    assert first.latest == "progressing"
    assert second.progress == [(SEP, None), (OCT, "no_change"), (NOV, None)]


def test_the_goal_charts_step_up_the_scale_and_the_table_says_the_same(admitted):
    trends = child_trends(admitted, until=NOV, count=3)
    trends.goals.extend(goal_trends([(SEP, 7, "Sleep", "emerging"), (OCT, 7, "Sleep", "achieved")], trends.months))
    charts = trend_charts(trends)
    (goal,) = charts["goals"]
    assert [step.level.label for step in goal["chart"]["steps"]] == ["Emerging", "Achieved"]
    assert goal["latest"] == "Achieved"
    from django.template.loader import render_to_string

    html = render_to_string("tracker/trends/_goals.html", {"trend_charts": charts})
    assert "Progress on “Sleep”: Sep 2026 Emerging, Oct 2026 Achieved" in html  # the SVG's title
    assert "Sep 2026: Emerging; Oct 2026: Achieved" in html  # the table


# --- the page ---------------------------------------------------------------------------------------


def trends_url(child) -> str:
    return reverse("child_trends", args=[child.pk])


def test_persona_matrix(client_for, manager, staff, other_manager, child):
    url = trends_url(child)
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200
    assert client_for(manager).get(url).status_code == 200
    assert client_for(manager).post(url).status_code == 405


def test_the_page_draws_the_charts_with_their_tables(client_for, staff, child):
    KeyWorkingSessionFactory(child=child, happened_at=earlier_today(hours=1))
    ProvisionArrangementFactory(child=child, provider="Calder Valley Therapy Service")
    page = client_for(staff).get(trends_url(child)).text
    assert "Siobhán's trends" in page
    assert "{#" not in page and "{% comment" not in page
    assert page.count("<svg") == 2
    assert "Key-working sessions with Siobhán each month:" in page
    assert "Psychotherapy attendance with Calder Valley Therapy Service, percent" in page
    assert "<caption>Figures by month</caption>" in page
    assert f'<th scope="row" class="fw-normal">{timezone.localdate():%B %Y}</th><td class="num text-end">1</td>' in page


def test_the_monthly_reviews_tab_and_the_tracker_link_to_the_trends(client_for, staff, child, tracker):
    url = trends_url(child)
    assert url in client_for(staff).get(reverse("child_reviews", args=[child.pk])).text
    assert url in client_for(staff).get(reverse("tracker_detail", args=[tracker.pk])).text


def test_reading_the_trends_is_logged(client_for, staff, child):
    from auditlog.models import LogEntry

    client_for(staff).get(trends_url(child))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(child.pk), actor=staff).exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_page_takes_the_same_queries_however_much_history(client_for, staff, child):
    client = client_for(staff)
    ProvisionSessionFactory(arrangement=ProvisionArrangementFactory(child=child))
    few = _queries(client, trends_url(child))
    for days in range(0, 90, 3):
        KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=days, hours=1))
    for kind in (ProvisionArrangement.Kind.EDUCATION, ProvisionArrangement.Kind.PSYCHOTHERAPY):
        arrangement = ProvisionArrangementFactory(child=child, kind=kind)
        for days in range(1, 60, 7):
            ProvisionSessionFactory(arrangement=arrangement, date=timezone.localdate() - datetime.timedelta(days=days))
    assert _queries(client, trends_url(child)) == few


# --- goal progress from the reviews -----------------------------------------------------------------


@pytest.fixture
def reviewed_goals(child):
    """Two months of review: "Settle to sleep" emerging then progressing, the other goal reviewed once."""
    from tests.tracker.factories import LAST_MONTH, TrackerFactory
    from tests.tracker.records import plan_with_goals
    from tracker.months import previous_month
    from tracker.services.goal_progress import GoalEntry, goal_progress_record

    before = TrackerFactory(child=child, month=previous_month(LAST_MONTH))
    last = TrackerFactory(child=child, month=LAST_MONTH)
    sleep, help_ = plan_with_goals(child, before.month)[1]
    goal_progress_record(tracker=before, entries=[GoalEntry(sleep, "emerging", "Asleep by ten twice.")])
    goal_progress_record(
        tracker=last,
        entries=[GoalEntry(sleep, "progressing", "Asleep by ten most nights."), GoalEntry(help_, "regressed", "x")],
    )
    return before.month, last.month


def test_goal_progress_is_read_from_the_reviews(child, reviewed_goals):
    before, last = reviewed_goals
    trends = child_trends(child, until=last, count=3)
    sleep, help_ = sorted(trends.goals, key=lambda goal: goal.title, reverse=True)
    assert sleep.title == "Settle to sleep" and sleep.progress[-2:] == [(before, "emerging"), (last, "progressing")]
    assert help_.progress[-2:] == [(before, None), (last, "regressed")]


def test_the_page_draws_goal_progress_and_its_queries_do_not_grow_with_goals(client_for, staff, child, reviewed_goals):
    client = client_for(staff)
    ProvisionSessionFactory(arrangement=ProvisionArrangementFactory(child=child))
    page = client.get(trends_url(child)).text
    before, last = reviewed_goals
    assert f"Progress on “Settle to sleep”: {before:%b %Y} Emerging, {last:%b %Y} Progressing" in page
    assert f"{before:%b %Y}: Emerging; {last:%b %Y}: Progressing" in page
    few = _queries(client, trends_url(child))
    from tests.tracker.records import plan_with_goals
    from tracker.models import MonthlyTracker
    from tracker.services.goal_progress import GoalEntry, goal_progress_record

    tracker = MonthlyTracker.objects.get(child=child, month=last)
    more = plan_with_goals(child, before, titles=[f"Goal {n}" for n in range(5)])[1]
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goal, "achieved", "Done.") for goal in more])
    assert _queries(client, trends_url(child)) == few
