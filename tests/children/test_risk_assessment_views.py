"""Risk-assessment pages: the persona matrix, rows on the form, and constant queries."""

import datetime

import pytest
from django.urls import reverse

from children.models import RiskAssessment
from tests.children.factories import RiskAssessmentFactory, RiskFactory, TriggerFactory, signed
from tests.utils import count_queries, today


def in_a_month() -> str:
    return (today() + datetime.timedelta(days=30)).isoformat()


def form(assessment, triggers=(), risks=(), **fields) -> dict:
    data = {
        "revision": assessment.revision,
        "early_signs": "Goes quiet",
        "what_helps": "A walk with the dog",
        "what_makes_it_worse": "",
        "review_date": in_a_month(),
    }
    for prefix, rows in (("triggers", triggers), ("risks", risks)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0})
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    data.update(fields)
    return data


@pytest.fixture
def draft(child):
    return RiskAssessmentFactory(child=child)


def test_a_draft_is_written_with_triggers_and_risks(client_for, manager, draft):
    data = form(
        draft,
        triggers=[{"what": "Sirens", "likely_response": "Hides under the table", "certainty": "likely"}],
        risks=[{"description": "Self-harm", "likelihood": "low", "severity": "high", "agreed_response": "Stay close"}],
    )
    assert client_for(manager).post(reverse("risk_assessment_edit", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.what_helps == "A walk with the dog"
    assert draft.triggers.get().get_certainty_display() == "We think so"
    assert draft.risks.get().severity == "high"


def test_blank_extra_rows_are_ignored_and_bad_rows_explained(client_for, manager, draft):
    client = client_for(manager)
    url = reverse("risk_assessment_edit", args=[draft.pk])
    page = client.get(url).text
    assert 'name="triggers-TOTAL_FORMS" value="2"' in page  # two blank rows to fill
    blank = {"what": "", "likely_response": "", "certainty": ""}
    assert client.post(url, form(draft, triggers=[blank, blank])).status_code == 302
    half = {"what": "Bedtime", "likely_response": "", "certainty": "known"}
    response = client.post(url, form(draft, revision=2, triggers=[half]))
    assert response.status_code == 200 and "Enter the child&#x27;s likely response" in response.text
    assert not draft.triggers.exists()


def test_persona_matrix(client_for, manager, deputy, staff, assessor, other_manager, draft, child):
    edit = reverse("risk_assessment_edit", args=[draft.pk])
    detail = reverse("risk_assessment_detail", args=[draft.pk])
    listing = reverse("risk_assessment_list", args=[child.pk])
    start = reverse("risk_assessment_start", args=[child.pk])
    sign = reverse("risk_assessment_sign_off", args=[draft.pk])
    history = reverse("risk_assessment_history", args=[draft.pk])
    for person in (manager, staff, assessor):
        assert client_for(person).get(detail).status_code == 200
        assert client_for(person).get(listing).status_code == 200
    assert client_for(assessor).get(edit).status_code == 200
    for url in (edit, start, sign):
        assert client_for(staff).post(url, form(draft)).status_code == 403
    assert client_for(staff).get(edit).status_code == 403
    assert client_for(assessor).post(sign).status_code == 403
    for url in (edit, detail, listing):
        assert client_for(other_manager).get(url).status_code == 404
    for url in (edit, start, sign):
        assert client_for(other_manager).post(url).status_code == 404
    assert client_for(manager).get(sign).status_code == 405
    assert client_for(manager).get(start).status_code == 405
    assert client_for(manager).post(detail).status_code == 405
    assert client_for(manager).post(listing).status_code == 405
    assert client_for(manager).delete(edit).status_code == 405
    draft.refresh_from_db()
    assert draft.is_draft and draft.early_signs == "Goes quiet, pulls her hood up."
    assert client_for(manager).get(history).status_code == 200
    assert client_for(staff).get(history).status_code == 403
    assert client_for(other_manager).get(history).status_code == 404
    assert client_for(manager).post(history).status_code == 405
    assert client_for(deputy).post(sign, {"revision": draft.revision}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == RiskAssessment.Status.ACTIVE


def test_the_page_shows_triggers_signs_helps_and_risks(client_for, staff, child):
    assessment = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=assessment, certainty="wonder")
    RiskFactory(assessment=assessment)
    page = client_for(staff).get(reverse("risk_assessment_detail", args=[assessment.pk])).text
    for text in (
        "Doors slamming",
        "We wonder",
        "Goes quiet",
        "A quiet space",
        "Raised voices",
        "Going missing",
        "High",
    ):
        assert text in page
    assert "read-only" in page


def test_the_page_runs_constant_queries(client_for, manager, child):
    assessment = signed(RiskAssessmentFactory(child=child))
    client = client_for(manager)
    url = reverse("risk_assessment_detail", args=[assessment.pk])
    one = count_queries(client, url)
    TriggerFactory.create_batch(4, assessment=assessment)
    RiskFactory.create_batch(3, assessment=assessment)
    assert count_queries(client, url) == one


def test_the_history_keeps_removed_triggers(client_for, manager, draft):
    from tests.children.factories import TriggerFactory

    trigger = TriggerFactory(assessment=draft, what="Fireworks")
    data = form(draft)
    data.update(
        {
            "triggers-TOTAL_FORMS": 1,
            "triggers-INITIAL_FORMS": 1,
            "triggers-0-id": trigger.pk,
            "triggers-0-assessment": draft.pk,
            "triggers-0-what": "Fireworks",
            "triggers-0-likely_response": "Hides",
            "triggers-0-certainty": "known",
            "triggers-0-DELETE": "on",
        }
    )
    client = client_for(manager)
    assert client.post(reverse("risk_assessment_edit", args=[draft.pk]), data).status_code == 302
    assert not draft.triggers.exists()
    page = client.get(reverse("risk_assessment_history", args=[draft.pk])).text
    assert "Trigger “Fireworks”" in page and "delete" in page.lower()


def test_removing_a_half_filled_or_existing_row_needs_nothing_else_filled_in(client_for, manager, draft):
    trigger = TriggerFactory(assessment=draft, what="Fireworks")
    rows = [
        {"id": trigger.pk, "assessment": draft.pk, "what": "", "likely_response": "", "certainty": "", "DELETE": "on"},
        {"what": "", "likely_response": "Half typed", "certainty": "", "DELETE": "on"},
    ]
    data = form(draft, triggers=rows)
    data["triggers-INITIAL_FORMS"] = 1
    response = client_for(manager).post(reverse("risk_assessment_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    assert not draft.triggers.exists()
