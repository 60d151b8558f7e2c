"""Complaints and representations (Regulation 39): who complained and in their own words, the
child's advocate, what was done, the outcome, whether the person was satisfied, and the
timescale. A complaint about a member of staff is never shown to that person (homes.access)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.concurrency import Revisioned
from homes.models import Home, User

# The home's complaints procedure answers within this many days unless the manager sets another date.
RESPONSE_DAYS = 28

COMPLAINT_IN_FUTURE = "This is in the future: record a complaint once it has been made."
CHILD_NOT_IN_HOME = "Choose a child of this home."
STAFF_NOT_IN_HOME = "Choose a member of this home's staff."
NAME_THE_COMPLAINANT = "Enter the name of the person who complained"
CHILD_COMPLAINANT_NEEDS_CHILD = "Choose the child who complained"
RESPOND_BEFORE_RECEIVED = "The response date must be on or after the day the complaint was made."
CLOSING_NEEDS_OUTCOME = "Enter the outcome before closing the complaint"
CLOSING_NEEDS_SATISFIED = "Choose whether the person was satisfied with the outcome before closing"


class Complaint(Revisioned):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "Complaint"
        REPRESENTATION = "representation", "Representation"

    class Complainant(models.TextChoices):
        CHILD = "child", "A child living at the home"
        PARENT = "parent", "A parent or family member"
        PROFESSIONAL = "professional", "A professional (social worker, teacher, police...)"
        NEIGHBOUR = "neighbour", "A neighbour or member of the public"
        OTHER = "other", "Someone else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Satisfied(models.TextChoices):
        YES = "yes", "Satisfied"
        PARTLY = "partly", "Partly satisfied"
        NO = "no", "Not satisfied"
        NOT_ASKED = "not_asked", "Could not be asked"

    # What the person who records it enters; what the managers add as they handle it.
    RECORD_FIELDS = (
        "kind",
        "received_at",
        "complainant",
        "complainant_name",
        "child",
        "in_their_words",
        "advocate",
        "about_staff",
        "respond_by",
    )
    HANDLING_FIELDS = ("action_taken", "outcome", "satisfied", "respond_by", "status")

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="complaints")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    received_at = models.DateTimeField("When it was made")
    complainant = models.CharField("Who complained", max_length=20, choices=Complainant.choices)
    complainant_name = models.CharField(
        "Their name", max_length=150, blank=True, help_text="Not needed when a child of the home complained."
    )
    child = models.ForeignKey(
        Child,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        help_text="The child who complained, or whom it is about.",
    )
    in_their_words = models.TextField("In their words", help_text="What they said, as they said it.")
    advocate = models.CharField(
        "The child's advocate", max_length=150, blank=True, help_text="If the child has an advocate, who."
    )
    about_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="About a member of staff",
        help_text="If the complaint is about someone who works here. They will never see it.",
    )
    respond_by = models.DateField("Respond by", help_text=f"Usually {RESPONSE_DAYS} days after it was made.")
    action_taken = models.TextField("What was done", blank=True)
    outcome = models.TextField(blank=True)
    satisfied = models.CharField("Was the person satisfied?", max_length=10, choices=Satisfied.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The home's register, Annex A and the evidence pack read a home's complaints by date.
            models.Index(fields=["home", "-received_at"], name="complaint_home_when_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} made {timezone.localtime(self.received_at):%-d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.respond_by < (today or timezone.localdate())

    @property
    def who(self) -> str:
        if self.complainant == self.Complainant.CHILD and self.child_id:
            return self.child.preferred_name
        return self.complainant_name or self.get_complainant_display()

    def _staff_works_in_home(self) -> bool:
        return User.objects.working_in(self.home_id).filter(pk=self.about_staff_id).exists()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.received_at and self.received_at > timezone.now():
            errors["received_at"] = [COMPLAINT_IN_FUTURE]
        if self.child_id and self.home_id and self.child.home_id != self.home_id:
            errors["child"] = [CHILD_NOT_IN_HOME]
        if self.about_staff_id and self.home_id and not self._staff_works_in_home():
            errors["about_staff"] = [STAFF_NOT_IN_HOME]
        if self.complainant == self.Complainant.CHILD and not self.child_id:
            errors["child"] = [CHILD_COMPLAINANT_NEEDS_CHILD]
        elif self.complainant and self.complainant != self.Complainant.CHILD and not self.complainant_name.strip():
            errors["complainant_name"] = [NAME_THE_COMPLAINANT]
        if self.respond_by and self.received_at and self.respond_by < timezone.localdate(self.received_at):
            errors["respond_by"] = [RESPOND_BEFORE_RECEIVED]
        if self.status == self.Status.CLOSED:
            if not self.outcome.strip():
                errors["outcome"] = [CLOSING_NEEDS_OUTCOME]
            if not self.satisfied:
                errors["satisfied"] = [CLOSING_NEEDS_SATISFIED]
        if errors:
            raise ValidationError(errors)
