"""The before-shift sheet: one printable page per home, from the active risk assessments."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.children.factories import RiskAssessmentFactory, TriggerFactory, signed
from tests.factories import ChildFactory
from tests.utils import count_queries


@pytest.fixture
def sheet(home):
    return reverse("before_shift", args=[home.pk])


def test_each_child_with_triggers_early_signs_and_what_helps(client_for, staff, child, sheet):
    old = signed(RiskAssessmentFactory(child=child, what_helps="Old advice"))
    TriggerFactory(assessment=old, what="An old trigger")
    active = signed(RiskAssessmentFactory(child=child, early_signs="Humming, then pacing"))
    TriggerFactory(assessment=active, what="Being told no in front of others")
    RiskAssessmentFactory(child=child, what_helps="Not signed off yet")
    page = client_for(staff).get(sheet).text
    assert "Siobhán" in page
    assert "Being told no in front of others" in page
    assert "Humming, then pacing" in page
    assert "A quiet space and a warm drink" in page
    assert "An old trigger" not in page and "Old advice" not in page and "Not signed off yet" not in page


def test_children_without_an_active_assessment_are_listed_and_leavers_are_not(client_for, manager, home, child, sheet):
    ChildFactory(home=home, preferred_name="Tomasz", discharge_date=child.admission_date, discharge_destination="Home")
    page = client_for(manager).get(sheet).text
    assert "No signed-off risk assessment yet" in page
    assert "Tomasz" not in page


def test_other_homes_children_are_not_on_the_sheet(client_for, manager, other_home, sheet):
    ChildFactory(home=other_home, preferred_name="Elsewhere")
    assert "Elsewhere" not in client_for(manager).get(sheet).text


def test_it_prints_on_a4_without_navigation(client_for, staff, sheet):
    page = client_for(staff).get(sheet).text
    assert "css/before_shift.css" in page
    css = Path(finders.find("css/before_shift.css")).read_text()
    assert "@media print" in css and "size: A4" in css
    hearth_css = Path(finders.find("css/hearth.css")).read_text()
    assert "nav, .btn, .no-print { display: none !important; }" in hearth_css


def test_persona_matrix(client_for, staff, assessor, manager, other_manager, sheet):
    assert client_for(staff).get(sheet).status_code == 200
    assert client_for(assessor).get(sheet).status_code == 200
    assert client_for(other_manager).get(sheet).status_code == 404
    assert client_for(manager).post(sheet).status_code == 405


def test_constant_queries_however_many_children(client_for, manager, home, child, sheet):
    client = client_for(manager)
    TriggerFactory(assessment=signed(RiskAssessmentFactory(child=child)))
    one = count_queries(client, sheet)
    for _ in range(3):
        TriggerFactory.create_batch(2, assessment=signed(RiskAssessmentFactory(child=ChildFactory(home=home))))
    assert count_queries(client, sheet) == one


def test_the_sheet_is_linked_from_the_dashboard_and_the_home(client_for, staff, home, sheet):
    client = client_for(staff)
    assert sheet in client.get(reverse("dashboard")).text
    assert sheet in client.get(reverse("home_detail", args=[home.pk])).text


def test_other_apps_add_sections_and_notes_under_each_childs_name(
    monkeypatch, tmp_path, settings, client_for, staff, child, sheet
):
    from children import extensions

    (tmp_path / "flags.html").write_text("<p>Flag: {{ data.flag }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    monkeypatch.setattr(extensions, "before_shift_sections", {})
    extensions.register_before_shift_section(
        extensions.BeforeShiftSection(
            name="test",
            template="flags.html",
            context=lambda user, home, children: {"flag": f"{len(children)} child at {home.name}"},
            child_notes=lambda children: {c.pk: [f"Allergic to <peanuts> ({c.preferred_name})"] for c in children},
        )
    )
    page = client_for(staff).get(sheet).text
    assert "Flag: 1 child at Willow House" in page
    assert "Allergic to &lt;peanuts&gt; (Siobhán)" in page
