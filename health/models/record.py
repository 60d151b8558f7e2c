"""The child's health record (Quality Standard 8, Schedule 3): registrations with the GP, dentist
and optician, immunisations, allergies and conditions, statutory health assessments,
appointments with their outcomes, and the delegated authority agreed for the home."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.concurrency import Revisioned
from homes.dates import validate_review_date

IN_FUTURE = "This date is in the future: record it on the day, or after."
DONE_IN_FUTURE = "The assessment cannot have been done in the future."
OUTCOME_BEFORE_APPOINTMENT = "Record the outcome once the appointment has happened."
DATE_BEFORE_BIRTH = "This is before {child} was born."


class Registration(models.Model):
    """Where the child is registered for care: their GP, dentist, optician or another service."""

    class Kind(models.TextChoices):
        GP = "gp", "GP"
        DENTIST = "dentist", "Dentist"
        OPTICIAN = "optician", "Optician"
        OTHER = "other", "Other service"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_registrations")
    kind = models.CharField("Registered with", max_length=20, choices=Kind.choices)
    practice = models.CharField("Practice or service", max_length=200)
    clinician = models.CharField("Named clinician", max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    registered_on = models.DateField("Registered on", null=True, blank=True)
    ended = models.BooleanField("No longer registered here", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ended", "kind", "practice", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.practice}"

    def clean(self) -> None:
        if self.registered_on and self.registered_on > timezone.localdate():
            raise ValidationError({"registered_on": IN_FUTURE})


class Immunisation(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="immunisations")
    vaccine = models.CharField(max_length=200)
    given_on = models.DateField("Given on")
    given_by = models.CharField("Given by (surgery, school nurse...)", max_length=200, blank=True)
    note = models.CharField(max_length=280, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.vaccine} on {self.given_on:%-d %b %Y}"

    def clean(self) -> None:
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": IN_FUTURE})
        if self.given_on and self.child_id and self.given_on < self.child.date_of_birth:
            raise ValidationError({"given_on": DATE_BEFORE_BIRTH.format(child=self.child.preferred_name)})


class Condition(models.Model):
    """An allergy or a health condition. Allergies are shown wherever the child appears (their
    page, the before-shift sheet, the MAR, the handover) until marked resolved."""

    class Kind(models.TextChoices):
        ALLERGY = "allergy", "Allergy"
        CONDITION = "condition", "Condition"

    class Severity(models.TextChoices):
        MILD = "mild", "Mild"
        MODERATE = "moderate", "Moderate"
        SEVERE = "severe", "Severe (anaphylaxis risk)"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_conditions")
    kind = models.CharField("Type", max_length=20, choices=Kind.choices)
    name = models.CharField("Allergy or condition", max_length=200)
    severity = models.CharField(max_length=20, choices=Severity.choices, blank=True)
    reaction_and_response = models.TextField(
        "What happens and what to do", blank=True, help_text="The signs to look for, and what staff should do."
    )
    resolved = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["resolved", "kind", "name", "pk"]
        indexes = [
            # Allergies under every child's name (before-shift sheet, MAR, handover) read by child.
            models.Index(fields=["child", "kind", "resolved"], name="condition_child_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.get_severity_display().lower()})" if self.severity else self.name


class HealthAssessment(models.Model):
    """The statutory health assessments of a child in care: the initial one, then reviews (every
    six months under five, yearly from five). Due dates show on the dashboard until done."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial health assessment"
        REVIEW = "review", "Review health assessment"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_assessments")
    kind = models.CharField("Type", max_length=20, choices=Kind.choices)
    due_on = models.DateField("Due on", validators=[validate_review_date])
    done_on = models.DateField("Done on", null=True, blank=True)
    done_by = models.CharField("Done by", max_length=200, blank=True)
    outcome = models.TextField("Outcome and health plan", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "-pk"]
        indexes = [
            # The dashboard's "health assessments due" reads the undone ones by due date.
            models.Index(fields=["done_on", "due_on"], name="health_assessment_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on:%-d %b %Y}"

    def clean(self) -> None:
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": DONE_IN_FUTURE})

    @staticmethod
    def next_review_due(child: Child, done_on: datetime.date) -> datetime.date:
        """Every six months under five, yearly from five (statutory guidance)."""
        under_five = (done_on - child.date_of_birth).days < 5 * 365.25
        months = 6 if under_five else 12
        month_index = done_on.month - 1 + months
        year, month = done_on.year + month_index // 12, month_index % 12 + 1
        return done_on.replace(year=year, month=month, day=min(done_on.day, 28))


class Appointment(Revisioned):
    """Booked by one member of staff, its outcome recorded by another: several people edit it."""

    class Kind(models.TextChoices):
        GP = "gp", "GP"
        DENTIST = "dentist", "Dentist"
        OPTICIAN = "optician", "Optician"
        HOSPITAL = "hospital", "Hospital or clinic"
        CAMHS = "camhs", "CAMHS or therapy"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Attended"
        MISSED = "missed", "Missed"
        CANCELLED = "cancelled", "Cancelled or moved"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="health_appointments")
    kind = models.CharField("With", max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField("Date and time")
    place = models.CharField("Where", max_length=200, blank=True)
    reason = models.CharField("What it is for", max_length=280)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    outcome = models.TextField("Outcome", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            # The handover's "appointments tomorrow" and the chronology read by time.
            models.Index(fields=["starts_at"], name="appointment_starts_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} appointment, {timezone.localtime(self.starts_at):%-d %b %Y %H:%M}"

    def clean(self) -> None:
        if (
            self.status in (self.Status.ATTENDED, self.Status.MISSED)
            and self.starts_at
            and self.starts_at > timezone.now()
        ):
            raise ValidationError({"status": OUTCOME_BEFORE_APPOINTMENT})


class DelegatedAuthority(models.Model):
    """What the home may consent to for this child, agreed with the placing authority and the
    parents: a new agreement about the same matter supersedes the earlier one, which stays."""

    class Matter(models.TextChoices):
        HAIRCUTS = "haircuts", "Haircuts and hair colouring"
        OVERNIGHT = "overnight", "Overnight stays with friends"
        SCHOOL_TRIPS = "school_trips", "School trips"
        MEDICAL = "medical", "Routine medical and dental treatment"
        PHOTOGRAPHS = "photographs", "Photographs"
        HOLIDAYS = "holidays", "Holidays away from the home"
        SOCIAL_MEDIA = "social_media", "Social media and phones"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="delegated_authorities")
    matter = models.CharField(max_length=20, choices=Matter.choices)
    detail = models.CharField("Matter (if other) or detail", max_length=200, blank=True)
    home_may_consent = models.BooleanField("The home may consent", default=True)
    conditions = models.TextField("Conditions or who to ask instead", blank=True)
    given_by = models.CharField("Given by", max_length=200, help_text="Name and role, e.g. social worker, parent.")
    given_on = models.DateField("Given on")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "delegated authorities"
        ordering = ["matter", "-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_matter_display()}: {'may' if self.home_may_consent else 'may not'} consent"

    def clean(self) -> None:
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": IN_FUTURE})
        if self.matter == self.Matter.OTHER and not self.detail.strip():
            raise ValidationError({"detail": "Say what the agreement is about."})
