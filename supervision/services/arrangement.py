"""Naming who supervises whom. Views check `access.can_arrange_supervision` first."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from homes import access
from homes.models import Home, Membership, User
from supervision.models import SupervisionArrangement

PERSON_NOT_IN_HOME = "Only someone who works at the home can be supervised here."
SUPERVISOR_NOT_ALLOWED = "The supervisor must be a manager, deputy or assessor of the home, or a clinical lead."
ALREADY_SUPERVISES = "This person already supervises them."
STARTS_BEFORE_CURRENT = "The new arrangement must start after the current one began ({since:%d %b %Y})."
ALREADY_ENDED = "This arrangement has already ended."


@transaction.atomic
def supervision_arrangement_set(
    *, home: Home, person: User, supervisor: User, since: datetime.date, set_by: User
) -> SupervisionArrangement:
    """Make `supervisor` the person's supervisor at the home from `since`, ending the current
    arrangement (if any) that day."""
    errors: dict[str, list[str]] = {}
    if not Membership.objects.filter(user=person, home=home).exists():
        errors.setdefault("person", []).append(PERSON_NOT_IN_HOME)
    if not access.can_supervise_in(supervisor, home):
        errors.setdefault("supervisor", []).append(SUPERVISOR_NOT_ALLOWED)
    current = SupervisionArrangement.objects.select_for_update().filter(person=person, home=home, until=None).first()
    if current is not None:
        if current.supervisor_id == supervisor.pk:
            errors.setdefault("supervisor", []).append(ALREADY_SUPERVISES)
        elif since <= current.since:
            errors.setdefault("since", []).append(STARTS_BEFORE_CURRENT.format(since=current.since))
    if errors:
        raise ValidationError(errors)
    if current is not None:
        current.until = since
        current.full_clean()
        current.save(update_fields=["until"])
    # Validated after the current one is ended: only one open arrangement per person and home.
    # A failure here rolls the ending back with it.
    arrangement = SupervisionArrangement(person=person, supervisor=supervisor, home=home, since=since, set_by=set_by)
    arrangement.full_clean()
    arrangement.save()
    return arrangement


@transaction.atomic
def supervision_arrangement_end(
    *, arrangement: SupervisionArrangement, until: datetime.date | None = None
) -> SupervisionArrangement:
    """End the arrangement (the person leaves, or is between supervisors): from `until`, the
    supervisor no longer reads their check-ins."""
    if arrangement.until is not None:
        raise ValidationError(ALREADY_ENDED)
    arrangement.until = until or timezone.localdate()
    arrangement.full_clean()
    arrangement.save(update_fields=["until"])
    return arrangement
