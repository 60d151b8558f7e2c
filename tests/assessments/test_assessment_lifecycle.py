"""Draft (incomplete is fine) → final (needs every item, then read-only) → correction."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from assessments.models import Assessment, Item
from assessments.services import assessment as services
from tests.assessments.factories import make_assessment
from tests.utils import today


@pytest.fixture
def draft(instrument, child, assessor):
    return services.assessment_start(child=child, assessor=assessor, assessed_on=today(), kind=Assessment.Kind.INITIAL)


def item_ids(instrument) -> dict[str, int]:
    return dict(Item.objects.filter(instrument=instrument).values_list("code", "pk"))


def test_a_draft_saves_incomplete(draft, instrument):
    ids = item_ids(instrument)
    services.assessment_save_draft(assessment=draft, scores={ids["S1"]: 2, ids["C3"]: 0}, notes="Observed at tea.")
    draft.refresh_from_db()
    assert dict(draft.scores.values_list("item__code", "value")) == {"S1": 2, "C3": 0}
    assert draft.notes == "Observed at tea."
    assert draft.is_draft


def test_saving_again_updates_and_clears_scores(draft, instrument):
    ids = item_ids(instrument)
    services.assessment_save_draft(assessment=draft, scores={ids["S1"]: 2, ids["S2"]: 3})
    services.assessment_save_draft(assessment=draft, scores={ids["S1"]: 4, ids["S2"]: None})
    assert dict(draft.scores.values_list("item__code", "value")) == {"S1": 4}


def test_a_score_off_the_scale_is_refused(draft, instrument):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save_draft(assessment=draft, scores={item_ids(instrument)["S1"]: 9})
    assert services.SCORE_OUTSIDE_SCALE.format(code="S1", value=9) in refused.value.messages
    assert not draft.scores.exists()


def test_an_item_of_another_instrument_is_refused(draft):
    with pytest.raises(ValidationError):
        services.assessment_save_draft(assessment=draft, scores={999999: 1})


def test_finalising_needs_every_item(draft, instrument):
    services.assessment_save_draft(assessment=draft, scores={pk: 3 for pk in list(item_ids(instrument).values())[:-1]})
    with pytest.raises(ValidationError) as refused:
        services.assessment_finalise(assessment=draft)
    assert services.INCOMPLETE.format(count=1, codes="C8") in refused.value.messages
    draft.refresh_from_db()
    assert draft.is_draft


def test_finalise_then_read_only(draft, instrument):
    ids = item_ids(instrument)
    services.assessment_save_draft(assessment=draft, scores=dict.fromkeys(ids.values(), 3))
    final = services.assessment_finalise(assessment=draft)
    assert final.status == Assessment.Status.FINAL and final.finalised_at
    with pytest.raises(ValidationError, match="final and cannot be changed"):
        services.assessment_save_draft(assessment=final, scores={ids["S1"]: 0})
    with pytest.raises(ValidationError, match="final and cannot be changed"):
        services.assessment_finalise(assessment=final)
    assert final.scores.get(item__code="S1").value == 3


def test_future_dates_are_refused(instrument, child, assessor):
    with pytest.raises(ValidationError) as refused:
        services.assessment_start(
            child=child, assessor=assessor, assessed_on=today() + datetime.timedelta(days=1), kind="initial"
        )
    assert services.DATE_IN_FUTURE in refused.value.messages


def test_a_correction_names_the_original_and_replaces_it_once_final(child, assessor, clinical_lead):
    original = make_assessment(child, assessor, scores=2, final=True)
    correction = services.assessment_correct(
        assessment=original, assessor=clinical_lead, reason="S4 was scored for the wrong child."
    )
    assert correction.is_draft and correction.corrects == original
    assert correction.scores.count() == 32  # starts from the original's scores
    original.refresh_from_db()
    assert original.status == Assessment.Status.FINAL  # still stands until the correction is final
    services.assessment_finalise(assessment=correction)
    original.refresh_from_db()
    assert original.status == Assessment.Status.CORRECTED
    assert list(Assessment.objects.final()) == [correction]


def test_the_originals_history_shows_it_was_replaced(child, assessor, clinical_lead):
    original = make_assessment(child, assessor, scores=2, final=True)
    correction = services.assessment_correct(assessment=original, assessor=clinical_lead, reason="S4 was wrong.")
    services.assessment_finalise(assessment=correction)
    change = LogEntry.objects.get_for_object(original).filter(action=LogEntry.Action.UPDATE).get()
    assert change.changes_dict["status"] == [Assessment.Status.FINAL, Assessment.Status.CORRECTED]


def test_the_scores_copied_into_a_correction_are_logged(child, assessor, clinical_lead):
    original = make_assessment(child, assessor, scores=2, final=True)
    correction = services.assessment_correct(assessment=original, assessor=clinical_lead, reason="S4 was wrong.")
    copied = LogEntry.objects.get_for_objects(correction.scores.all()).filter(action=LogEntry.Action.CREATE)
    assert copied.count() == correction.scores.count() == 32


def test_a_correction_needs_a_reason_and_a_final_original(child, assessor):
    original = make_assessment(child, assessor, scores=2, final=True)
    with pytest.raises(ValidationError, match="Say what was wrong"):
        services.assessment_correct(assessment=original, assessor=assessor, reason="  ")
    draft = make_assessment(child, assessor, scores=2)
    with pytest.raises(ValidationError, match="Only a final assessment"):
        services.assessment_correct(assessment=draft, assessor=assessor, reason="typo")
    services.assessment_correct(assessment=original, assessor=assessor, reason="typo")
    with pytest.raises(ValidationError, match="already been corrected"):
        services.assessment_correct(assessment=original, assessor=assessor, reason="again")


@pytest.mark.parametrize(
    ("born", "assessed", "age_text", "band"),
    [
        (datetime.date(2014, 3, 15), datetime.date(2025, 3, 15), "11 years", "11–14 years"),  # on the birthday
        (datetime.date(2014, 3, 15), datetime.date(2025, 3, 14), "10 years 11 months", "8–11 years"),  # the day before
        (datetime.date(2008, 1, 20), datetime.date(2025, 12, 31), "17 years 11 months", "16–18 years"),
        (datetime.date(2008, 1, 20), datetime.date(2026, 1, 20), "18 years", "16–18 years"),  # 18: the last band
    ],
)
def test_age_at_assessment_and_its_band(instrument, home, assessor, born, assessed, age_text, band):
    from assessments.selectors import brain_map
    from tests.factories import ChildFactory

    child = ChildFactory(home=home, date_of_birth=born, admission_date=datetime.date(2024, 1, 1))
    assessment = make_assessment(child, assessor, scores=2, final=True, assessed_on=assessed)
    assert assessment.age_text == age_text
    assert brain_map(assessment).age_band.label == band


def test_every_change_to_scores_is_in_the_audit_log(draft, instrument, assessor):
    from auditlog.models import LogEntry

    ids = item_ids(instrument)
    services.assessment_save_draft(assessment=draft, scores={ids["S1"]: 2})
    services.assessment_save_draft(assessment=draft, scores={ids["S1"]: 3})
    score = draft.scores.get()
    changes = [entry.changes_dict.get("value") for entry in LogEntry.objects.get_for_object(score)]
    assert ["2", "3"] in changes
