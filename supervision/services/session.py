"""Recording, signing and following up supervision sessions. Views validate input with forms
and call these; permission is checked by the views through homes/access.py."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from homes import access
from homes.concurrency import revision_claim
from homes.models import Home, Membership, User
from supervision.models import Attendance, SupervisionAction, SupervisionSession

SUPERVISOR_NOT_ALLOWED = "The supervisor must be a manager, deputy or assessor of the home, or a clinical lead."
INDIVIDUAL_NEEDS_ONE = "An individual session has exactly one supervisee."
GROUP_NEEDS_TWO = "A group needs at least two attendees."
ATTENDEE_NOT_IN_HOME = "Everyone supervised must work at the home."
SUPERVISOR_ATTENDING = "The supervisor cannot also be supervised in the same session."
SESSION_LOCKED = "This record has been signed, so it can no longer be changed."
NOTHING_TO_SIGN = "There is nothing for you to sign on this record."
ALREADY_DONE = "This action is already done."


def _check_people(*, home: Home, kind: str, supervisor: User, attendees: list[User]) -> None:
    if not access.can_supervise_in(supervisor, home):
        raise ValidationError(SUPERVISOR_NOT_ALLOWED)  # not a form field: the supervisor is who records
    errors = []
    if kind in SupervisionSession.GROUP_KINDS:
        if len(attendees) < 2:
            errors.append(GROUP_NEEDS_TWO)
    elif len(attendees) != 1:
        errors.append(INDIVIDUAL_NEEDS_ONE)
    if supervisor in attendees:
        errors.append(SUPERVISOR_ATTENDING)
    members = set(Membership.objects.filter(home=home).values_list("user_id", flat=True))
    if any(person.pk not in members for person in attendees):
        errors.append(ATTENDEE_NOT_IN_HOME)
    if errors:
        raise ValidationError({"attendees": errors})


def _attend(session: SupervisionSession, people: list[User]) -> None:
    """One save per person (a handful at most), not bulk_create: bulk_create sends no signals, so
    who was supervised would never reach the session's change history."""
    for person in people:
        Attendance.objects.create(session=session, person=person)


@transaction.atomic
def supervision_session_record(
    *, home: Home, supervisor: User, attendees: Iterable[User], recorded_by: User, **details
) -> SupervisionSession:
    attendees = list(attendees)
    session = SupervisionSession(home=home, supervisor=supervisor, recorded_by=recorded_by, **details)
    session.full_clean()
    _check_people(home=home, kind=session.kind, supervisor=supervisor, attendees=attendees)
    session.save()
    _attend(session, attendees)
    return session


@transaction.atomic
def supervision_session_update(
    *,
    session: SupervisionSession,
    attendees: Iterable[User],
    user: User | None = None,
    revision: int | None = None,
    **details,
) -> SupervisionSession:
    """Correct a session, as read at `revision` (raises concurrency.StaleEdit if it was saved since)."""
    # Lock the row so a signature arriving meanwhile cannot be overtaken by an edit.
    locked = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    if locked.is_locked:
        raise ValidationError(SESSION_LOCKED)
    revision_claim(session, revision=revision, user=user)
    for field, value in details.items():
        setattr(session, field, value)
    attendees = list(attendees)
    session.full_clean()
    _check_people(home=session.home, kind=session.kind, supervisor=session.supervisor, attendees=attendees)
    session.save()
    # Editing an unsigned session's attendees (nobody has signed: see the lock above), not deleting
    # a record; the audit log keeps the removed attendance.
    session.attendances.exclude(person__in=attendees).delete()
    existing = set(session.attendances.values_list("person_id", flat=True))
    _attend(session, [person for person in attendees if person.pk not in existing])
    return session


@transaction.atomic
def supervision_session_sign(*, session: SupervisionSession, user: User) -> SupervisionSession:
    """Sign as the supervisor or as a supervisee: a signature is who (the role's person) and when.
    Saved (not bulk-updated) so that the change history records each signature."""
    now = timezone.now()
    locked = SupervisionSession.objects.select_for_update().get(pk=session.pk)
    if locked.supervisor_id == user.pk and locked.supervisor_signed_at is None:
        locked.supervisor_signed_at = now
        locked.save(update_fields=["supervisor_signed_at", "updated_at"])
        session.supervisor_signed_at = now
        return session
    attendance = Attendance.objects.filter(session=locked, person=user, signed_at__isnull=True).first()
    if attendance is None:
        raise PermissionDenied(NOTHING_TO_SIGN)
    attendance.signed_at = now
    attendance.save(update_fields=["signed_at"])
    return session


@transaction.atomic
def supervision_action_add(
    *, session: SupervisionSession, description: str, owner: User, due_on: datetime.date
) -> SupervisionAction:
    if session.is_locked:
        raise ValidationError(SESSION_LOCKED)
    action = SupervisionAction(session=session, description=description, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def supervision_action_complete(
    *, action: SupervisionAction, done_on: datetime.date | None = None
) -> SupervisionAction:
    if action.done_on is not None:
        raise ValidationError(ALREADY_DONE)
    action.done_on = done_on or timezone.localdate()
    action.full_clean()
    action.save(update_fields=["done_on"])
    return action
