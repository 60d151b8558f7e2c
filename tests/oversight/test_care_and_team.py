"""The care cycle and the team side by side (issue 12, item 7): twelve months of children's
progress, team wellbeing (only where five or more checked in), supervision on time and turnover
on one server-drawn chart, on the home's page and in the Regulation 45 review."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homes.models import Membership
from oversight import care_and_team
from oversight.care_and_team import WELLBEING_HIDDEN, draw
from supervision.models import WellbeingCheckIn
from tests.children.factories import CarePlanFactory, GoalFactory
from tests.factories import member
from tests.tracker.factories import TrackerFactory
from tracker.models import GoalProgress
from tracker.overview import goals_progressing

pytestmark = pytest.mark.django_db

MONTHS = [datetime.date(2026, month, 1) for month in range(1, 4)]


def test_percentages_on_the_left_wellbeing_on_the_right_and_gaps_break_the_line():
    chart = draw(
        MONTHS,
        [
            {"name": "goals-progressing", "label": "Goals", "unit": "%", "values": [50, None, 100]},
            {"name": "wellbeing", "label": "Wellbeing", "unit": "", "values": [3, 5, None]},
        ],
    )
    goals, wellbeing = chart["lines"]
    bottom = chart["bottom"]
    assert [dot["y"] for dot in goals["dots"]] == [bottom - 80, bottom - 160]  # 50% and 100% of 160
    assert len(goals["segments"]) == 2  # the month without a value breaks the line
    assert [dot["y"] for dot in wellbeing["dots"]] == [bottom - 80, bottom - 160]  # 3 and 5 on 1–5
    assert wellbeing["right_axis"] and chart["has_wellbeing"]
    assert chart["table"]["rows"][1] == {"month": "February 2026", "values": ["–", "5"]}


def test_wellbeing_with_too_few_answers_is_left_off_with_a_note():
    chart = draw(MONTHS, [{"name": "wellbeing", "label": "Wellbeing", "unit": "", "values": [None, None, None]}])
    assert chart["lines"] == [] and chart["notes"] == [WELLBEING_HIDDEN] and not chart["has_wellbeing"]


def _progress(child, month, *values):
    tracker = TrackerFactory(child=child, month=month)
    plan = child.care_plans.first() or CarePlanFactory(child=child)
    for value in values:
        goal = GoalFactory(plan=plan)
        GoalProgress.objects.create(tracker=tracker, thread=goal.thread, goal=goal, progress=value, evidence="Seen")


def test_childrens_progress_is_the_share_of_goals_progressing_or_achieved(home, child):
    _progress(child, MONTHS[0], "progressing", "achieved", "no_change", "regressed")
    _progress(child, MONTHS[2], "emerging")
    assert goals_progressing([home], MONTHS) == {home.pk: [50, None, 0]}


def _check_ins(home, people, month, score):
    for person in people:
        row = WellbeingCheckIn.objects.create(person=person, home=home, score=score)
        moment = datetime.datetime(month.year, month.month, 10, 12, tzinfo=datetime.UTC)
        WellbeingCheckIn.objects.filter(pk=row.pk).update(recorded_at=moment)


def test_team_wellbeing_shows_only_months_with_five_or_more(home, manager):
    people = [manager] + [member(home) for _ in range(4)]
    _check_ins(home, people, MONTHS[0], 4)
    _check_ins(home, people[:4], MONTHS[1], 2)
    chart = care_and_team.care_and_team(home, MONTHS[2])
    wellbeing = next(line for line in chart["lines"] if line["name"] == "wellbeing")
    assert [dot["title"] for dot in wellbeing["dots"]] == ["January 2026: 4"]


def test_turnover_is_leavers_over_the_average_headcount_for_the_twelve_months(home):
    team = [member(home, Membership.Role.CARE_STAFF) for _ in range(4)]
    # Started long before the fixed months (not a number of days before today, which the months
    # would outgrow), and one left in February.
    Membership.all_objects.filter(user__in=team).update(started_on=datetime.date(2024, 1, 1))
    Membership.all_objects.filter(user=team[-1]).update(ended_on=datetime.date(2026, 2, 14))
    # Four in post a year before, three at the end of February: one leaver over 3.5 on average.
    assert care_and_team.turnover(home, MONTHS)[1:] == [29, 29]
    assert care_and_team.turnover(home, MONTHS)[0] == 0


def test_the_chart_costs_the_same_queries_however_many_children_and_months_of_records(home, child):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            care_and_team.care_and_team(home, MONTHS[2])
        return len(captured)

    _progress(child, MONTHS[0], "progressing")
    one = queries()
    _progress(child, MONTHS[1], "progressing", "achieved")
    _progress(child, MONTHS[2], "no_change")
    assert queries() == one


def test_the_home_page_shows_the_chart_with_its_table(client, home, manager):
    client.force_login(manager)
    page = client.get(reverse("home_detail", args=[home.pk])).content.decode()
    assert "The children&#x27;s progress and the team" in page or "The children's progress and the team" in page
    assert 'class="visually-hidden"' in page and "Staff turnover, the twelve months to the month" in page
