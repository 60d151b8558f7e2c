"""The model's implementation measures (issue 12, item 5): per home per month, measured from the
records; a page of their trends across homes for those who oversee every home."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.overview import assessments_current
from children.overview import children_heard, goals_mapped
from homes.dates import add_months, month_start
from homes.extensions import IMPLEMENTATION, PROVIDER_OVERVIEW, home_trends_on
from supervision.models import Course
from supervision.overview import trained_in_the_model
from tests.assessments.factories import make_assessment
from tests.children.factories import CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.factories import ChildFactory, HomeFactory, member
from tests.supervision.factories import make_training
from tests.utils import count_queries, earlier_today, today

pytestmark = pytest.mark.django_db


def this_month() -> list[datetime.date]:
    return [month_start(today())]


def test_the_issues_measures_are_on_the_measures_page_and_two_on_both():
    measures = {trend.name for trend in home_trends_on(IMPLEMENTATION)}
    assert {
        "assessments-current",
        "goals-mapped",
        "children-heard",
        "reviews-on-time",
        "supervision-on-time",
        "trained-in-the-model",
    } <= measures
    overview = {trend.name for trend in home_trends_on(PROVIDER_OVERVIEW)}
    assert measures & overview == {"reviews-on-time", "supervision-on-time"}


def test_children_with_a_current_assessment(home, assessor):
    long_ago = today() - datetime.timedelta(days=400)
    assessed = ChildFactory(home=home, admission_date=long_ago)
    ChildFactory(home=home, admission_date=long_ago)  # never assessed: overdue
    make_assessment(assessed, assessor, final=True, assessed_on=today() - datetime.timedelta(days=20))
    assert assessments_current([home], this_month())[home.pk] == [50]


def test_goals_in_force_tied_to_a_domain(child, manager):
    plan = signed(CarePlanFactory(child=child), when=timezone.now() - datetime.timedelta(days=2))
    GoalFactory(plan=plan)
    GoalFactory(plan=plan)
    assert goals_mapped([child.home], this_month())[child.home.pk] == [100]
    assert goals_mapped([HomeFactory()], this_month()) != {}  # a home without plans: nothing to count


def test_children_heard_in_key_working_this_month(home, staff):
    heard = ChildFactory(home=home, key_worker=staff, admission_date=today() - datetime.timedelta(days=100))
    ChildFactory(home=home, key_worker=staff, admission_date=today() - datetime.timedelta(days=100))
    KeyWorkingSessionFactory(child=heard, happened_at=earlier_today(minutes=90))
    last_month = add_months(month_start(today()), -1)
    series = children_heard([home], [last_month, month_start(today())])[home.pk]
    assert series[1] == 50


def test_staff_trained_in_the_model_need_every_model_course(home, staff):
    model_courses = list(Course.objects.filter(part_of_the_model=True).values_list("name", flat=True))
    assert len(model_courses) == 3  # seeded: trauma-informed practice, the brain map, PACE
    for name in model_courses[:-1]:
        make_training(staff, name, today() - datetime.timedelta(days=30))
    assert trained_in_the_model([home], this_month())[home.pk] == [0]
    make_training(staff, model_courses[-1], today() - datetime.timedelta(days=30))
    assert trained_in_the_model([home], this_month())[home.pk] == [100]


def test_the_measures_page_for_those_who_oversee_every_home(client, clinical_lead, manager, home):
    client.force_login(clinical_lead)
    page = client.get(reverse("implementation_measures")).content.decode()
    assert "Staff trained in the model" in page and "What is counted" in page
    assert "Willow House" in page
    client.force_login(manager)
    assert client.get(reverse("implementation_measures")).status_code == 404
    client.force_login(clinical_lead)
    assert client.post(reverse("implementation_measures")).status_code == 405


def test_the_measures_page_costs_the_same_queries_however_many_homes(client, clinical_lead, home):
    ChildFactory(home=home)
    member(home)
    client.force_login(clinical_lead)
    one = count_queries(client, reverse("implementation_measures"))
    for _ in range(3):
        other = HomeFactory()
        ChildFactory(home=other)
        member(other)
    assert count_queries(client, reverse("implementation_measures")) == one
