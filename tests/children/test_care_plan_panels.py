"""Plans and risk assessments on the child's page, the dashboard and the chronology."""

import datetime

import pytest
from django.urls import reverse

from children import extensions
from children.brain import Region
from tests.children.factories import (
    CarePlanFactory,
    GoalFactory,
    RiskAssessmentFactory,
    RiskFactory,
    TriggerFactory,
    signed,
)
from tests.factories import ChildFactory
from tests.utils import count_queries, seed_demo, today


def test_the_childs_page_shows_the_active_plan_by_region_and_the_risk_assessment(client_for, staff, child):
    plan = signed(CarePlanFactory(child=child))
    GoalFactory(plan=plan, region=Region.LIMBIC, title="Trust one adult at school")
    assessment = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=assessment)
    page = client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert "Relational" in page and "Trust one adult at school" in page
    assert reverse("care_plan_detail", args=[plan.pk]) in page
    assert reverse("risk_assessment_detail", args=[assessment.pk]) in page
    assert "1 trigger, 0 risks" in page


def test_the_childs_page_reads_who_signed_off_the_plan_and_risk_assessment_with_them(client_for, staff, child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed(CarePlanFactory(child=child))
    signed(RiskAssessmentFactory(child=child))
    client = client_for(staff)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("child_detail", args=[child.pk]))
    people = [query["sql"] for query in queries if query["sql"].startswith('SELECT "homes_user"')]
    assert len(people) == 1, people  # the person logged in, for the request; no signer one by one


def test_the_childs_page_offers_to_start_to_those_who_may(client_for, staff, manager, child):
    start = reverse("care_plan_start", args=[child.pk])
    assert start in client_for(manager).get(reverse("child_detail", args=[child.pk])).text
    assert start not in client_for(staff).get(reverse("child_detail", args=[child.pk])).text


def test_the_childs_page_mentions_a_draft_in_progress(client_for, staff, child):
    draft = CarePlanFactory(child=child)
    page = client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert f"Version {draft.version} is being written" in page


def test_overdue_reviews_show_on_the_dashboard(client_for, manager, other_manager, child):
    signed(CarePlanFactory(child=child, review_date=today() - datetime.timedelta(days=3)))
    signed(RiskAssessmentFactory(child=child, review_date=today() + datetime.timedelta(days=3)))
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Reviews overdue" in page and "Siobhán's plan" in page
    assert "Siobhán's risk assessment" not in page
    assert "Reviews overdue" not in client_for(other_manager).get(reverse("dashboard")).text


def test_no_overdue_panel_when_reviews_are_in_date(client_for, manager, child):
    signed(CarePlanFactory(child=child))
    assert "Reviews overdue" not in client_for(manager).get(reverse("dashboard")).text


def test_the_dashboard_runs_constant_queries_however_many_are_overdue(client_for, manager, home, child):
    client = client_for(manager)
    late = today() - datetime.timedelta(days=1)
    signed(CarePlanFactory(child=child, review_date=late))
    one = count_queries(client, reverse("dashboard"))
    for _ in range(3):
        other = ChildFactory(home=home)
        signed(CarePlanFactory(child=other, review_date=late))
        signed(RiskAssessmentFactory(child=other, review_date=late))
    page_queries = count_queries(client, reverse("dashboard"))
    assert page_queries == one


def test_the_childs_page_runs_constant_queries_however_many_goals(client_for, manager, child):
    client = client_for(manager)
    plan = signed(CarePlanFactory(child=child))
    GoalFactory(plan=plan)
    assessment = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=assessment)
    one = count_queries(client, reverse("child_detail", args=[child.pk]))
    GoalFactory.create_batch(4, plan=plan, region=Region.CORTEX)
    TriggerFactory.create_batch(3, assessment=assessment)
    RiskFactory.create_batch(2, assessment=assessment)
    assert count_queries(client, reverse("child_detail", args=[child.pk])) == one


def test_plan_and_risk_assessment_versions_are_in_the_chronology(child, manager):
    plan = signed(CarePlanFactory(child=child), by=manager)
    CarePlanFactory(child=child)
    assessment = signed(RiskAssessmentFactory(child=child), by=manager)
    plans = list(extensions.chronology_sources["care_plan"].entries(child, None, None))
    assert sorted(e.title for e in plans) == [
        "Plan version 1 signed off",
        "Plan version 1 started",
        "Plan version 2 started",
    ]
    signed_entry = next(e for e in plans if e.title == "Plan version 1 signed off")
    assert signed_entry.author == str(manager)
    assert signed_entry.url == reverse("care_plan_detail", args=[plan.pk])
    risks = list(extensions.chronology_sources["risk_assessment"].entries(child, today(), today()))
    assert {e.kind for e in risks} == {"risk_assessment"} and len(risks) == 2
    assert risks[0].url == reverse("risk_assessment_detail", args=[assessment.pk])
    assert (
        list(extensions.chronology_sources["care_plan"].entries(child, today() + datetime.timedelta(days=1), None))
        == []
    )


@pytest.mark.django_db
def test_the_demo_has_plans_risk_assessments_an_overdue_review_and_a_draft():

    from children.models import CarePlan, Child, RiskAssessment

    seed_demo()
    counts = (CarePlan.objects.count(), RiskAssessment.objects.count())
    seed_demo()
    assert (CarePlan.objects.count(), RiskAssessment.objects.count()) == counts
    for child in Child.objects.in_placement():
        assert child.care_plans.filter(status=CarePlan.Status.ACTIVE, goals__isnull=False).exists()
        assert child.risk_assessments.filter(status=RiskAssessment.Status.ACTIVE, triggers__isnull=False).exists()
    assert CarePlan.objects.filter(status=CarePlan.Status.SUPERSEDED).exists()
    assert CarePlan.objects.filter(status=CarePlan.Status.DRAFT).count() == 1
    assert sum(plan.review_overdue for plan in CarePlan.objects.filter(status=CarePlan.Status.ACTIVE)) == 1
