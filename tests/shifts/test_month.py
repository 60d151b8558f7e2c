import datetime

from django.urls import reverse

from shifts.month import month_context
from tests.shifts.factories import DailyLogFactory, ShiftPatternFactory, night
from tests.tracker.factories import LAST_MONTH, TrackerFactory
from tests.utils import count_queries


def _logs(child):
    early, nights = ShiftPatternFactory(home=child.home), night(child.home)
    DailyLogFactory(child=child, shift=early, shift_date=LAST_MONTH, regulation=2, mood="He kicked off at tea.")
    DailyLogFactory(child=child, shift=nights, shift_date=LAST_MONTH, regulation=4, mood="Slept well.")
    DailyLogFactory(child=child, shift=early, shift_date=LAST_MONTH + datetime.timedelta(days=9), regulation=5)
    return early


def test_the_month_counts_days_logged_and_draws_the_regulation_by_day(child):
    _logs(child)
    data = month_context(child, LAST_MONTH)
    assert (data["logs"], data["days_logged"]) == (3, 2)
    assert [(bar.day.day, bar.value) for bar in data["chart"]["bars"]] == [(1, 3.0), (10, 5.0)]
    assert dict(data["levels"])["2 · Having a hard time"] == 1
    assert data["flagged"] == 1


def test_a_month_without_logs_leaves_the_section_out(child):
    assert month_context(child, LAST_MONTH) is None


def test_the_tracker_page_shows_the_daily_log_with_its_chart(client_for, manager, child):
    _logs(child)
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    page = client_for(manager).get(reverse("tracker_detail", args=[tracker.pk])).text
    assert "Daily log" in page and "Logs on 2 of the" in page
    assert 'aria-labelledby="regulation-' in page
    assert "Language that cares: 1 of 3 logs" in page


def test_the_tracker_page_costs_the_same_however_many_logs(client_for, manager, child):
    early = _logs(child)
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    url = reverse("tracker_detail", args=[tracker.pk])
    few = count_queries(client_for(manager), url)
    for day in range(12, 20):
        DailyLogFactory(child=child, shift=early, shift_date=LAST_MONTH + datetime.timedelta(days=day))
    assert count_queries(client_for(manager), url) == few
