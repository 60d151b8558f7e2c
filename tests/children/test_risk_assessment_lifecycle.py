import pytest
from django.core.exceptions import ValidationError

from children.models import RiskAssessment, Trigger
from children.services import risk_assessment as services
from children.services import versioning
from tests.children.factories import RiskAssessmentFactory, RiskFactory, TriggerFactory, signed


def test_revise_copies_triggers_risks_and_sections(child, manager):
    active = signed(RiskAssessmentFactory(child=child, what_helps="Music in the car"))
    TriggerFactory(assessment=active, what="Men's raised voices")
    RiskFactory(assessment=active)
    draft = services.risk_assessment_start(child=child, user=manager)
    assert draft.version == 2 and draft.what_helps == "Music in the car"
    assert [t.what for t in draft.triggers.all()] == ["Men's raised voices"]
    assert draft.risks.count() == 1
    assert active.triggers.count() == 1


def test_sign_off_supersedes_the_active_assessment(child, manager):
    first = signed(RiskAssessmentFactory(child=child))
    draft = services.risk_assessment_start(child=child, user=manager)
    services.risk_assessment_sign_off(assessment=draft, user=manager, revision=draft.revision)
    first.refresh_from_db()
    draft.refresh_from_db()
    assert (first.status, draft.status) == (RiskAssessment.Status.SUPERSEDED, RiskAssessment.Status.ACTIVE)
    assert draft.signed_off_by == manager


def test_rows_are_added_changed_and_removed_only_in_the_draft(child, manager):
    draft = RiskAssessmentFactory(child=child)
    kept, removed = TriggerFactory(assessment=draft), TriggerFactory(assessment=draft, what="Bedtime")
    services.risk_assessment_save(
        assessment=draft,
        user=manager,
        revision=draft.revision,
        fields={"early_signs": "Humming"},
        triggers=[
            {"row": kept, "what": "Slammed doors", "likely_response": "Hides", "certainty": Trigger.Certainty.LIKELY},
            {"row": removed, "delete": True, "what": "", "likely_response": "", "certainty": ""},
            {"row": None, "what": "Sirens", "likely_response": "Covers ears", "certainty": Trigger.Certainty.WONDER},
        ],
        risks=[],
    )
    draft.refresh_from_db()
    assert draft.early_signs == "Humming" and draft.revision == 2 and draft.updated_by == manager
    assert sorted(t.what for t in draft.triggers.all()) == ["Sirens", "Slammed doors"]


def test_a_row_of_another_assessment_is_refused(child, manager):
    draft = RiskAssessmentFactory(child=child)
    elsewhere = TriggerFactory()
    with pytest.raises(ValidationError) as raised:
        services.risk_assessment_save(
            assessment=draft,
            user=manager,
            revision=draft.revision,
            fields={},
            triggers=[{"row": elsewhere, "what": "x", "likely_response": "y", "certainty": "known"}],
            risks=[],
        )
    assert raised.value.messages == [versioning.ROW_OF_ANOTHER_RECORD]
    elsewhere.refresh_from_db()
    assert elsewhere.what == "Doors slamming"


def test_starting_when_a_draft_exists_hands_back_that_draft(child, manager):
    draft = RiskAssessmentFactory(child=child)
    with pytest.raises(versioning.DraftExists) as raised:
        services.risk_assessment_start(child=child, user=manager)
    assert raised.value.draft == draft
