"""Changes to assessments. Views validate input with forms and call these."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment, Instrument, Item, ScalePoint, Score
from children.models import Child
from homes.concurrency import revision_claim
from homes.models import User

FINAL_IS_READ_ONLY = "This assessment is final and cannot be changed: make a correction instead."
INCOMPLETE = "Every item needs a score before the assessment can be finalised: {count} still to score ({codes})."
SCORE_OUTSIDE_SCALE = "{code}: {value} is not on this instrument's scale."
UNKNOWN_ITEM = "The item {item} is not part of this assessment's instrument."
DATE_IN_FUTURE = "The assessment date is in the future: date it on the day the child was assessed."
DATE_BEFORE_BIRTH = "The assessment date is before the child's date of birth."
ONLY_FINAL_CORRECTED = "Only a final assessment can be corrected: a draft can simply be edited."
ALREADY_CORRECTED = "This assessment has already been corrected; correct the correction instead."
CORRECTION_NEEDS_REASON = "Say what was wrong, so that readers know why the assessment was corrected."
NO_INSTRUMENT = "No assessment instrument is loaded: ask the administrator to run load_instrument."


def current_instrument() -> Instrument:
    """The most recently loaded instrument: new assessments use it."""
    instrument = Instrument.objects.order_by("-loaded_at", "-pk").first()
    if instrument is None:
        raise ValidationError(NO_INSTRUMENT)
    return instrument


def _check_date(child: Child, assessed_on: datetime.date) -> None:
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": DATE_IN_FUTURE})
    if assessed_on < child.date_of_birth:
        raise ValidationError({"assessed_on": DATE_BEFORE_BIRTH})


@transaction.atomic
def assessment_start(
    *, child: Child, assessor: User, assessed_on: datetime.date, kind: str, notes: str = ""
) -> Assessment:
    _check_date(child, assessed_on)
    assessment = Assessment(
        child=child,
        instrument=current_instrument(),
        assessor=assessor,
        assessed_on=assessed_on,
        kind=kind,
        notes=notes,
        draft_saved_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    return assessment


def _lock_draft(assessment: Assessment) -> Assessment:
    """Re-read the row under a lock: two tabs saving at once queue up, and a draft finalised
    meanwhile refuses the older tab's changes."""
    locked = Assessment.objects.select_for_update().select_related("child").get(pk=assessment.pk)
    if not locked.is_draft:
        raise ValidationError(FINAL_IS_READ_ONLY)
    return locked


@transaction.atomic
def assessment_save_draft(
    *,
    assessment: Assessment,
    scores: dict[int, int | None],
    notes: str | None = None,
    assessed_on: datetime.date | None = None,
    user: User | None = None,
    revision: int | None = None,
) -> Assessment:
    """Save what has been entered so far, on the page opened at `revision` (raises
    concurrency.StaleEdit if someone else saved the draft since): `scores` maps item ids to a
    scale value, or None to clear a score. Items not mentioned keep their saved score."""
    assessment = _lock_draft(assessment)
    revision_claim(assessment, revision=revision, user=user)
    items = {item.pk: item for item in Item.objects.filter(instrument_id=assessment.instrument_id)}
    scale = set(ScalePoint.objects.filter(instrument_id=assessment.instrument_id).values_list("value", flat=True))
    errors = []
    for item_id, value in scores.items():
        if item_id not in items:
            errors.append(UNKNOWN_ITEM.format(item=item_id))
        elif value is not None and value not in scale:
            errors.append(SCORE_OUTSIDE_SCALE.format(code=items[item_id].code, value=value))
    if errors:
        raise ValidationError(errors)
    if assessed_on is not None:
        _check_date(assessment.child, assessed_on)
        assessment.assessed_on = assessed_on
    if notes is not None:
        assessment.notes = notes
    existing = {score.item_id: score for score in assessment.scores.all()}
    for item_id, value in scores.items():
        score = existing.get(item_id)
        if value is None:
            if score:
                score.delete()  # clearing an answer in a draft; the audit log keeps it
        elif score is None:
            Score.objects.create(assessment=assessment, item_id=item_id, value=value)
        elif score.value != value:
            score.value = value
            score.save(update_fields=["value"])
    assessment.draft_saved_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def assessment_finalise(*, assessment: Assessment, user: User | None = None, revision: int | None = None) -> Assessment:
    """Make the draft final, as it stood when the check page was opened at `revision` (raises
    concurrency.StaleEdit if someone saved the draft since, so nothing unseen is signed)."""
    assessment = _lock_draft(assessment)
    revision_claim(assessment, revision=revision, user=user)
    scored = set(assessment.scores.values_list("item_id", flat=True))
    missing = [
        item.code for item in Item.objects.filter(instrument_id=assessment.instrument_id) if item.pk not in scored
    ]
    if missing:
        raise ValidationError(INCOMPLETE.format(count=len(missing), codes=", ".join(missing)))
    assessment.status = Assessment.Status.FINAL
    assessment.finalised_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    if assessment.corrects_id:
        # The original stays on record, marked as replaced, so that it no longer counts; saved
        # (not updated in the database) so that its history shows when it was replaced.
        original = Assessment.objects.select_for_update().get(pk=assessment.corrects_id)
        original.status = Assessment.Status.CORRECTED
        original.full_clean()
        original.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def assessment_correct(*, assessment: Assessment, assessor: User, reason: str) -> Assessment:
    """Open a correction: a new draft with the original's scores, naming it and why."""
    original = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if original.status != Assessment.Status.FINAL:
        raise ValidationError(ONLY_FINAL_CORRECTED)
    if Assessment.objects.filter(corrects=original).exists():
        raise ValidationError(ALREADY_CORRECTED)
    if not reason.strip():
        raise ValidationError({"correction_reason": CORRECTION_NEEDS_REASON})
    correction = Assessment(
        child_id=original.child_id,
        instrument_id=original.instrument_id,
        assessor=assessor,
        assessed_on=original.assessed_on,
        kind=original.kind,
        notes=original.notes,
        corrects=original,
        correction_reason=reason.strip(),
        draft_saved_at=timezone.now(),
    )
    correction.full_clean()
    correction.save()
    # One by one, not bulk_create: each copied score is logged, so the correction's history
    # shows where it started from (a few dozen items, once per correction).
    for score in original.scores.all():
        Score.objects.create(assessment=correction, item_id=score.item_id, value=score.value)
    return correction
