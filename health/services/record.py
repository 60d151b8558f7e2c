"""The health record: registrations, immunisations, allergies and conditions, health assessments,
appointments and delegated authority. Every change is a new row or a small update through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from children.models import Child
from health.models import (
    Appointment,
    Condition,
    DelegatedAuthority,
    HealthAssessment,
    Immunisation,
    Registration,
)
from homes.concurrency import revision_claim
from homes.models import User

ALREADY_DONE = "This health assessment has already been recorded as done."
OUTCOME_NEEDED = "Say what came of the appointment."


def _save(record):
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def registration_add(*, child: Child, recorded_by: User, **fields) -> Registration:
    return _save(Registration(child=child, recorded_by=recorded_by, **fields))


@transaction.atomic
def immunisation_add(*, child: Child, recorded_by: User, **fields) -> Immunisation:
    return _save(Immunisation(child=child, recorded_by=recorded_by, **fields))


@transaction.atomic
def condition_add(*, child: Child, recorded_by: User, **fields) -> Condition:
    return _save(Condition(child=child, recorded_by=recorded_by, **fields))


@transaction.atomic
def condition_resolve(*, condition: Condition) -> Condition:
    """No longer current: it leaves the child's summary and the sheets, and stays in the record."""
    condition.resolved = True
    condition.save(update_fields=["resolved"])
    return condition


@transaction.atomic
def health_assessment_add(*, child: Child, recorded_by: User, **fields) -> HealthAssessment:
    return _save(HealthAssessment(child=child, recorded_by=recorded_by, **fields))


@transaction.atomic
def health_assessment_complete(
    *, assessment: HealthAssessment, done_on: datetime.date, done_by: str, outcome: str, recorded_by: User
) -> tuple[HealthAssessment, HealthAssessment]:
    """Record the assessment as done, and put the next review in the diary (six months under
    five, a year from five), so the dashboard always knows when the next one falls due."""
    assessment = HealthAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.done_on:
        raise ValidationError(ALREADY_DONE)
    assessment.done_on, assessment.done_by, assessment.outcome = done_on, done_by, outcome
    _save(assessment)
    child = assessment.child
    following = HealthAssessment(
        child=child,
        kind=HealthAssessment.Kind.REVIEW,
        due_on=HealthAssessment.next_review_due(child, done_on),
        recorded_by=recorded_by,
    )
    return assessment, _save(following)


@transaction.atomic
def appointment_book(*, child: Child, recorded_by: User, **fields) -> Appointment:
    return _save(Appointment(child=child, recorded_by=recorded_by, **fields))


@transaction.atomic
def appointment_record_outcome(
    *, appointment: Appointment, status: str, outcome: str, recorded_by: User, revision: int | None = None
) -> Appointment:
    """Record (or correct) what came of it, from a form opened at `revision` (StaleEdit if
    someone saved it since)."""
    if status == Appointment.Status.ATTENDED and not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_NEEDED})
    revision_claim(appointment, revision=revision, user=recorded_by)
    appointment.status, appointment.outcome = status, outcome
    appointment.outcome_by, appointment.outcome_at = recorded_by, timezone.now()
    return _save(appointment)


@transaction.atomic
def delegated_authority_add(*, child: Child, recorded_by: User, **fields) -> DelegatedAuthority:
    return _save(DelegatedAuthority(child=child, recorded_by=recorded_by, **fields))
