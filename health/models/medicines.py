"""Medicines: prescriptions (regular and "as needed"), the stock of each, the MAR (one record per
dose: given, refused, not given with a reason code, self-administered) and medication errors."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.dates import validate_review_date

TIMES_FORMAT = "Give the times as 24-hour clock times separated by commas, e.g. 08:00, 20:00."
TIMES_REQUIRED = "Give the times each dose is due, e.g. 08:00, 20:00 (or tick 'as needed')."
PRN_NEEDS_LIMITS = "An 'as needed' medicine needs its reason, the most doses in 24 hours and the minimum gap."
PRN_NO_TIMES = "An 'as needed' medicine has no set times: leave the times empty."
END_BEFORE_START = "The end date is before the start date."
NOT_GIVEN_NEEDS_REASON = "Choose why the dose was not given."
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_times(text: str) -> list[datetime.time]:
    """'08:00, 20:00' -> [08:00, 20:00], sorted, without repeats; ValueError on anything else."""
    times = set()
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        match = _TIME.match(part.replace(".", ":"))
        if not match:
            raise ValueError(part)
        times.add(datetime.time(int(match[1]), int(match[2])))
    return sorted(times)


class Prescription(models.Model):
    class Form(models.TextChoices):
        TABLET = "tablet", "Tablet"
        CAPSULE = "capsule", "Capsule"
        LIQUID = "liquid", "Liquid"
        CREAM = "cream", "Cream or ointment"
        INHALER = "inhaler", "Inhaler"
        DROPS = "drops", "Drops"
        PATCH = "patch", "Patch"
        INJECTION = "injection", "Injection"
        OTHER = "other", "Other"

    class Route(models.TextChoices):
        ORAL = "oral", "By mouth"
        TOPICAL = "topical", "On the skin"
        INHALED = "inhaled", "Inhaled"
        EYE = "eye", "In the eye"
        EAR = "ear", "In the ear"
        NASAL = "nasal", "In the nose"
        INJECTION = "injection", "Injection"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="prescriptions")
    medicine = models.CharField(max_length=200)
    strength = models.CharField(max_length=60, blank=True, help_text="e.g. 500 mg, 5 mg/5 ml")
    form = models.CharField(max_length=20, choices=Form.choices)
    dose = models.CharField(max_length=100, help_text="How much each time, e.g. 1 tablet, 10 ml")
    units_per_dose = models.DecimalField(
        "Stock used per dose",
        max_digits=7,
        decimal_places=2,
        default=Decimal(1),
        help_text="In the units stock is counted in (tablets, ml...), for the stock balance.",
    )
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.ORAL)
    times = models.CharField(
        "Times due", max_length=100, blank=True, help_text="24-hour clock, separated by commas, e.g. 08:00, 20:00"
    )
    as_needed = models.BooleanField("As needed (PRN)", default=False)
    prn_reason = models.CharField("Given for (PRN)", max_length=200, blank=True, help_text="e.g. headache, hay fever")
    prn_max_doses_24h = models.PositiveSmallIntegerField("Most doses in 24 hours (PRN)", null=True, blank=True)
    prn_min_interval_minutes = models.PositiveSmallIntegerField(
        "Minimum minutes between doses (PRN)", null=True, blank=True
    )
    controlled = models.BooleanField("Controlled drug (needs a witness)", default=False)
    start_date = models.DateField("Starts on")
    end_date = models.DateField("Ends on", null=True, blank=True)
    prescriber = models.CharField(max_length=200)
    instructions = models.TextField(blank=True, help_text="e.g. with food; do not give with milk")
    stopped_on = models.DateField(null=True, blank=True)
    stopped_reason = models.CharField(max_length=280, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["as_needed", "medicine", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(as_needed=False)
                | models.Q(prn_max_doses_24h__gte=1, prn_min_interval_minutes__gte=1),
                name="prescription_prn_has_limits",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="prescription_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.medicine, self.strength) if part)

    @property
    def time_list(self) -> list[datetime.time]:
        try:
            return [] if self.as_needed else parse_times(self.times)
        except ValueError:
            return []

    @property
    def last_day(self) -> datetime.date | None:
        """The last day a dose is due: the end date or the day before it was stopped."""
        days = [d for d in (self.end_date, self.stopped_on and self.stopped_on - datetime.timedelta(days=1)) if d]
        return min(days) if days else None

    def active_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.last_day is None or day <= self.last_day)

    @property
    def min_interval(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.prn_min_interval_minutes or 0)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = END_BEFORE_START
        if self.as_needed:
            if self.times.strip():
                errors["times"] = PRN_NO_TIMES
            for field in ("prn_reason", "prn_max_doses_24h", "prn_min_interval_minutes"):
                if getattr(self, field) in (None, ""):
                    errors[field] = PRN_NEEDS_LIMITS
        elif not self.times.strip():
            errors["times"] = TIMES_REQUIRED
        else:
            try:
                self.times = ", ".join(f"{t:%H:%M}" for t in parse_times(self.times))
            except ValueError:
                errors["times"] = TIMES_FORMAT
        if errors:
            raise ValidationError(errors)


class StockMovement(models.Model):
    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        CARRIED_FORWARD = "carried_forward", "Carried forward"
        RETURNED = "returned", "Returned or disposed of"
        COUNTED = "counted", "Counted"

    prescription = models.ForeignKey(Prescription, on_delete=models.PROTECT, related_name="stock_movements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    on = models.DateField("Date")
    note = models.CharField(max_length=280, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_quantity_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {Decimal(self.quantity).normalize():f} of {self.prescription}"

    def clean(self) -> None:
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": "This date is in the future: record stock on the day, or after."})


class Dose(models.Model):
    """One line of the MAR: a dose due at a set time (`due_at`), or an "as needed" dose (no
    `due_at`). The unique constraint is what finally refuses recording the same dose twice."""

    class Outcome(models.TextChoices):
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"
        NOT_GIVEN = "not_given", "Not given"
        SELF_ADMINISTERED = "self", "Self-administered"

    class Reason(models.TextChoices):
        # The familiar codes of a paper MAR chart.
        AWAY = "A", "A: away from the home (school, family time)"
        HOSPITAL = "H", "H: in hospital"
        NAUSEA = "N", "N: nausea or vomiting"
        SLEEPING = "S", "S: asleep, not woken"
        OUT_OF_STOCK = "O", "O: out of stock"
        WITHHELD = "W", "W: withheld on medical advice"
        OTHER = "X", "X: other (see note)"

    class Effect(models.TextChoices):
        HELPED = "helped", "It helped"
        PARTLY = "partly", "It helped a little"
        NOT_HELPED = "not_helped", "It did not help"

    prescription = models.ForeignKey(Prescription, on_delete=models.PROTECT, related_name="doses")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="doses")
    due_at = models.DateTimeField(null=True, blank=True, validators=[validate_review_date])
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.CharField("Reason code", max_length=2, choices=Reason.choices, blank=True)
    note = models.CharField(max_length=280, blank=True)
    given_at = models.DateTimeField("Time")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    witness = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    prn_reason = models.CharField("Why it was needed", max_length=280, blank=True)
    effect = models.CharField("Did it help?", max_length=20, choices=Effect.choices, blank=True)
    effect_note = models.CharField(max_length=280, blank=True)
    effect_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    effect_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["prescription", "due_at"],
                condition=models.Q(due_at__isnull=False),
                name="dose_recorded_once",
                violation_error_message="This dose has already been recorded.",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_given") | ~models.Q(reason=""), name="dose_not_given_has_reason"
            ),
        ]
        indexes = [
            # The MAR (a child's day or month), the dashboard and the handover read doses by time.
            models.Index(fields=["child", "given_at"], name="dose_child_time_idx"),
            models.Index(fields=["prescription", "given_at"], name="dose_prescription_time_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.prescription} {self.get_outcome_display().lower()} {timezone.localtime(self.given_at):%-d %b %H:%M}"
        )

    @property
    def code(self) -> str:
        """What the paper chart shows in the box: the giver's initials, or a code."""
        if self.outcome == self.Outcome.REFUSED:
            return "R"
        if self.outcome == self.Outcome.NOT_GIVEN:
            return self.reason
        if self.outcome == self.Outcome.SELF_ADMINISTERED:
            return "SA"
        return initials(self.recorded_by)

    def clean(self) -> None:
        if self.outcome == self.Outcome.NOT_GIVEN and not self.reason:
            raise ValidationError({"reason": NOT_GIVEN_NEEDS_REASON})


def initials(user) -> str:
    return "".join(part[0] for part in (user.full_name or user.email).split()[:3]).upper()


class MedicationError(models.Model):
    """A missed or wrong dose, recorded so that it is seen and learnt from; it opens an incident
    when the safeguarding app is present (homes.extensions.open_incident)."""

    class Kind(models.TextChoices):
        MISSED = "missed", "Missed dose"
        WRONG_DOSE = "wrong_dose", "Wrong dose"
        WRONG_MEDICINE = "wrong_medicine", "Wrong medicine"
        WRONG_TIME = "wrong_time", "Wrong time"
        WRONG_CHILD = "wrong_child", "Given to the wrong child"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="medication_errors")
    prescription = models.ForeignKey(
        Prescription, on_delete=models.PROTECT, related_name="errors", null=True, blank=True
    )
    kind = models.CharField("What went wrong", max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField("When")
    what_happened = models.TextField("What happened")
    action_taken = models.TextField("What was done (advice sought, who was told)")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    incident_url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {timezone.localtime(self.occurred_at):%-d %b %Y %H:%M}"

    def clean(self) -> None:
        if self.occurred_at and self.occurred_at > timezone.now():
            raise ValidationError({"occurred_at": "This is in the future: record an error once it has happened."})
