"""The current care plans and risk assessments in the inspector's evidence pack, one PDF each,
read back with pdftotext."""

import datetime
import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from children import evidence
from tests.children.factories import (
    CarePlanFactory,
    GoalFactory,
    RiskAssessmentFactory,
    RiskFactory,
    TriggerFactory,
    signed,
)
from tests.evidence_pack import build_pack, index_rows, pdf_text
from tests.factories import ChildFactory

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")

TODAY = timezone.localdate()
START, END = TODAY - datetime.timedelta(days=60), TODAY - datetime.timedelta(days=10)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def with_plans(child, *, goal: str, trigger: str):
    """An active plan (over a superseded first version) and an active risk assessment."""
    old = signed(CarePlanFactory(child=child), when=timezone.now() - datetime.timedelta(days=200))
    GoalFactory(plan=old, title="An old goal, since replaced")
    plan = signed(CarePlanFactory(child=child, what_i_want="To go back to football."))
    GoalFactory(plan=plan, title=goal)
    assessment = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=assessment, what=trigger)
    RiskFactory(assessment=assessment)
    return plan, assessment


def test_the_pack_holds_the_active_plan_and_risk_assessment_of_each_child_in_placement(home, other_home, manager):
    zoe = ChildFactory(home=home, preferred_name="Zoë", legal_name="Zoë Adaeze Nwachukwu")
    with_plans(zoe, goal="Settle to sleep with a familiar routine", trigger="Doors slamming")
    CarePlanFactory(child=zoe, what_i_want="A draft nobody has signed")  # version 3, a draft
    gone = ChildFactory(home=home, preferred_name="Kacper", admission_date=TODAY - datetime.timedelta(days=300))
    gone.discharge_date, gone.discharge_destination = START, "Foster family"
    gone.save()
    with_plans(gone, goal="Kacper's goal", trigger="Kacper's trigger")
    elsewhere = ChildFactory(home=other_home, preferred_name="Amira")
    with_plans(elsewhere, goal="Amira's goal", trigger="Amira's trigger")

    archive = build_pack(home=home, user=manager, start=START, end=END)

    folder = f"plans/{zoe.pk}-zoe"
    plan_path, risk_path = f"{folder}/care-plan-version-2.pdf", f"{folder}/risk-assessment-version-1.pdf"
    pdfs = sorted(name for name in archive.namelist() if name.startswith("plans/"))
    assert pdfs == [plan_path, risk_path]  # not the child discharged in the period, nor Amira's home
    rows = index_rows(archive)
    assert {plan_path, risk_path} <= set(rows)

    plan = pdf_text(archive.read(plan_path))
    assert "Zoë · Care plan, version 2" in plan  # the running header, by preferred name
    assert "Settle to sleep with a familiar routine" in plan and "To go back to football." in plan
    assert "An old goal" not in plan and "A draft nobody has signed" not in plan
    assert "Confidential" in plan and "Page 1 of" in plan
    assessment = pdf_text(archive.read(risk_path))
    assert "Zoë · Risk assessment, version 1" in assessment
    assert "Doors slamming" in assessment and "Going missing after family time" in assessment
    everything = plan + assessment
    assert "Amira" not in everything and "Kacper" not in everything


def test_a_child_admitted_after_the_period_is_not_in_it(home):
    later = ChildFactory(home=home, admission_date=END + datetime.timedelta(days=1))
    assert list(evidence.children_in_placement_on(home, END)) == []
    assert list(evidence.children_in_placement_on(home, TODAY)) == [later]


def test_the_section_reads_in_constant_queries(home, monkeypatch):
    monkeypatch.setattr(evidence, "render_pdf", lambda template, context: b"%PDF")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(evidence.evidence_files(home, START, END))
        return len(captured)

    with_plans(ChildFactory(home=home), goal="A goal", trigger="A trigger")
    one = queries()
    for _ in range(3):
        with_plans(ChildFactory(home=home), goal="A goal", trigger="A trigger")
    assert queries() == one


def test_a_care_plan_past_its_review_date_says_so_in_its_pdf(child):
    plan = signed(CarePlanFactory(child=child, review_date=TODAY - datetime.timedelta(days=5)))
    text = pdf_text(evidence.care_plan_pdf(plan)[1])
    assert f"Review overdue since {TODAY - datetime.timedelta(days=4):%-d %B %Y}" in text
    plan.review_date = TODAY
    plan.save()
    assert "overdue" not in pdf_text(evidence.care_plan_pdf(plan)[1])
