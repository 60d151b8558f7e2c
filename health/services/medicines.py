"""Prescriptions, stock, recording doses on the MAR, and medication errors.

The rules a paper MAR leaves to memory are kept here: a dose is recorded once (and the database
refuses a second record of it too), an "as needed" dose is refused beyond its maximum in 24 hours
or inside its minimum interval, with a message that says why and when it can next be given, and a
controlled drug needs a second member of staff to witness it with their own password."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from children.models import Child
from health.models import Dose, MedicationError, Prescription, StockMovement
from health.schedule import EARLY, due_times
from homes import access
from homes.extensions import IncidentReport, open_incident
from homes.models import User

ALREADY_RECORDED = "This dose was already recorded by {who} at {when}: it has not been recorded again."
ALREADY_RECORDED_NOW = "This dose has just been recorded by someone else: it has not been recorded again."
NOT_DUE = "{medicine} is not due at that time: choose a dose from the chart."
TOO_EARLY = "This dose is due at {due}: it can be recorded from {earliest}."
NOT_AS_NEEDED = "{medicine} is given at set times: record it on the chart, not as an 'as needed' dose."
NOT_ACTIVE = "{medicine} is not prescribed for {child} on that day."
IN_FUTURE = "This time is in the future: record the dose once it is given."
PRN_REASON_NEEDED = "Say why {child} needed it."
PRN_MAX = (
    "{child} has had {count} doses of {medicine} in the 24 hours before {time}, the most allowed ({max}). "
    "The next can be given from {next}."
)
PRN_INTERVAL = (
    "{child} had {medicine} at {last}; it needs at least {interval} between doses, "
    "so the next can be given from {next}."
)
WITNESS_NEEDED = "{medicine} is a controlled drug: a second member of staff must witness it."
WITNESS_NOT_YOU = "The witness must be someone other than the person giving the dose."
WITNESS_NOT_STAFF = "The witness must be a member of staff of {home}."
WITNESS_PASSWORD = "That is not the witness's password: the witness types their own."
EFFECT_TOO_SOON = "Ask whether it helped an hour after it was given: from {time}."
EFFECT_ALREADY = "Whether it helped was already recorded by {who}."
EFFECT_NOT_PRN = "Whether it helped is recorded for 'as needed' doses."
ALREADY_STOPPED = "This prescription was already stopped on {date}."

GIVEN_OUTCOMES = (Dose.Outcome.GIVEN, Dose.Outcome.SELF_ADMINISTERED)


def _time(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%H:%M on %-d %B}"


def interval_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest:
        parts.append(f"{rest} minutes")
    return " ".join(parts)


@transaction.atomic
def prescription_add(*, child: Child, created_by: User, **fields) -> Prescription:
    prescription = Prescription(child=child, created_by=created_by, **fields)
    prescription.full_clean()
    prescription.save()
    return prescription


@transaction.atomic
def prescription_stop(
    *, prescription: Prescription, stopped_reason: str, on: datetime.date | None = None
) -> Prescription:
    """Stop from `on` (today): no dose is due from that day; the record and its MAR stay."""
    prescription = Prescription.objects.select_for_update().get(pk=prescription.pk)
    if prescription.stopped_on:
        raise ValidationError(ALREADY_STOPPED.format(date=f"{prescription.stopped_on:%-d %B %Y}"))
    prescription.stopped_on = on or timezone.localdate()
    prescription.stopped_reason = stopped_reason
    prescription.full_clean()
    prescription.save(update_fields=["stopped_on", "stopped_reason"])
    return prescription


@transaction.atomic
def stock_record(*, prescription: Prescription, recorded_by: User, **fields) -> StockMovement:
    movement = StockMovement(prescription=prescription, recorded_by=recorded_by, **fields)
    movement.full_clean()
    movement.save()
    return movement


def _check_witness(
    prescription: Prescription, outcome: str, recorded_by: User, witness: User | None, witness_password: str
) -> None:
    if not prescription.controlled or outcome not in GIVEN_OUTCOMES:
        return
    if witness is None:
        raise ValidationError({"witness": WITNESS_NEEDED.format(medicine=prescription)})
    if witness.pk == recorded_by.pk:
        raise ValidationError({"witness": WITNESS_NOT_YOU})
    home = prescription.child.home
    if not access.witnesses_for(home, excluding=recorded_by).filter(pk=witness.pk).exists():
        raise ValidationError({"witness": WITNESS_NOT_STAFF.format(home=home.name)})
    if not witness_password or not witness.check_password(witness_password):
        raise ValidationError({"witness_password": WITNESS_PASSWORD})


def _save_once(dose: Dose) -> Dose:
    """Save, turning the database's refusal of a second record of one dose into a message."""
    try:
        with transaction.atomic():
            dose.save()
    except IntegrityError as error:
        raise ValidationError(ALREADY_RECORDED_NOW) from error
    return dose


@transaction.atomic
def dose_record(
    *,
    prescription: Prescription,
    due_at: datetime.datetime,
    outcome: str,
    recorded_by: User,
    reason: str = "",
    note: str = "",
    witness: User | None = None,
    witness_password: str = "",
    now: datetime.datetime | None = None,
) -> Dose:
    """One tap on the chart: a regular dose given, refused, not given (with its reason code) or
    self-administered, by this person, now."""
    now = now or timezone.now()
    if due_at not in due_times(prescription, timezone.localdate(due_at)):
        raise ValidationError(NOT_DUE.format(medicine=prescription))
    if now < due_at - EARLY:
        raise ValidationError(TOO_EARLY.format(due=_time(due_at), earliest=_time(due_at - EARLY)))
    earlier = Dose.objects.filter(prescription=prescription, due_at=due_at).select_related("recorded_by").first()
    if earlier is not None:
        raise ValidationError(ALREADY_RECORDED.format(who=earlier.recorded_by, when=_time(earlier.given_at)))
    _check_witness(prescription, outcome, recorded_by, witness, witness_password)
    dose = Dose(
        prescription=prescription,
        child=prescription.child,
        due_at=due_at,
        outcome=outcome,
        reason=reason if outcome == Dose.Outcome.NOT_GIVEN else "",
        note=note,
        given_at=now,
        recorded_by=recorded_by,
        witness=witness if outcome in GIVEN_OUTCOMES and prescription.controlled else None,
    )
    dose.full_clean(validate_constraints=False)
    return _save_once(dose)


@transaction.atomic
def prn_dose_give(
    *,
    prescription: Prescription,
    given_at: datetime.datetime,
    prn_reason: str,
    recorded_by: User,
    note: str = "",
    witness: User | None = None,
    witness_password: str = "",
    now: datetime.datetime | None = None,
) -> Dose:
    """An "as needed" dose, refused beyond the most allowed in 24 hours or inside the minimum gap."""
    now = now or timezone.now()
    # One dose decision at a time per medicine: a second person giving the same PRN at the same
    # moment waits here, then sees the first dose.
    prescription = (
        Prescription.objects.select_for_update(of=("self",)).select_related("child__home").get(pk=prescription.pk)
    )
    child = prescription.child
    if not prescription.as_needed:
        raise ValidationError(NOT_AS_NEEDED.format(medicine=prescription))
    if given_at > now + datetime.timedelta(minutes=1):
        raise ValidationError({"given_at": IN_FUTURE})
    if not prescription.active_on(timezone.localdate(given_at)):
        raise ValidationError({"given_at": NOT_ACTIVE.format(medicine=prescription, child=child.preferred_name)})
    if not prn_reason.strip():
        raise ValidationError({"prn_reason": PRN_REASON_NEEDED.format(child=child.preferred_name)})
    day = datetime.timedelta(hours=24)
    nearby = list(
        Dose.objects.filter(
            prescription=prescription,
            outcome__in=GIVEN_OUTCOMES,
            given_at__gt=given_at - max(day, prescription.min_interval),
            given_at__lt=given_at + prescription.min_interval,
        ).order_by("given_at")
    )
    close = [d for d in nearby if abs(d.given_at - given_at) < prescription.min_interval]
    if close:
        last = close[-1].given_at
        raise ValidationError(
            PRN_INTERVAL.format(
                child=child.preferred_name,
                medicine=prescription,
                last=_time(last),
                interval=interval_text(prescription.prn_min_interval_minutes),
                next=_time(last + prescription.min_interval),
            )
        )
    in_day = [d for d in nearby if given_at - day < d.given_at <= given_at]
    if len(in_day) >= prescription.prn_max_doses_24h:
        raise ValidationError(
            PRN_MAX.format(
                child=child.preferred_name,
                count=len(in_day),
                medicine=prescription,
                time=_time(given_at),
                max=prescription.prn_max_doses_24h,
                next=_time(in_day[-prescription.prn_max_doses_24h].given_at + day),
            )
        )
    _check_witness(prescription, Dose.Outcome.GIVEN, recorded_by, witness, witness_password)
    dose = Dose(
        prescription=prescription,
        child=child,
        outcome=Dose.Outcome.GIVEN,
        given_at=given_at,
        prn_reason=prn_reason,
        note=note,
        recorded_by=recorded_by,
        witness=witness if prescription.controlled else None,
    )
    dose.full_clean()
    dose.save()
    return dose


@transaction.atomic
def prn_effect_record(
    *, dose: Dose, effect: str, effect_note: str, recorded_by: User, now: datetime.datetime | None = None
) -> Dose:
    """An hour after an "as needed" dose: did it help?"""
    now = now or timezone.now()
    dose = Dose.objects.select_for_update(of=("self",)).select_related("prescription", "effect_by").get(pk=dose.pk)
    if dose.due_at is not None or not dose.prescription.as_needed:
        raise ValidationError(EFFECT_NOT_PRN)
    if dose.effect:
        raise ValidationError(EFFECT_ALREADY.format(who=dose.effect_by))
    if now < dose.given_at + datetime.timedelta(hours=1):
        raise ValidationError(EFFECT_TOO_SOON.format(time=_time(dose.given_at + datetime.timedelta(hours=1))))
    dose.effect, dose.effect_note, dose.effect_by, dose.effect_at = effect, effect_note, recorded_by, now
    dose.full_clean()
    dose.save(update_fields=["effect", "effect_note", "effect_by", "effect_at"])
    return dose


@transaction.atomic
def medication_error_record(*, child: Child, recorded_by: User, **fields) -> MedicationError:
    """Record a missed or wrong dose and, when an app records incidents, open one with it (in
    the same transaction: both are saved or neither)."""
    error = MedicationError(child=child, recorded_by=recorded_by, **fields)
    error.full_clean()
    error.save()
    url = open_incident(
        IncidentReport(
            child_id=child.pk,
            occurred_at=error.occurred_at,
            kind=f"Medication error: {error.get_kind_display().lower()}",
            summary=error.what_happened,
            recorded_by_id=recorded_by.pk,
            source="health.MedicationError",
            source_id=error.pk,
        )
    )
    if url:
        error.incident_url = url
        error.save(update_fields=["incident_url"])
    return error
