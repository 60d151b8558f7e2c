"""The shift handover: one page per home per shift, drafted from the shift's records (through
homes.extensions' handover sections), completed by the outgoing shift and read by each person of
the incoming one. Flags are what staff raise for the next shift: they carry forward (handover,
before-shift sheet) until someone marks them resolved."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from children.models import Child
from homes.concurrency import Revisioned
from homes.models import Home
from shifts.models.shift import ShiftPattern

HANDOVER_SHIFT_OF_ANOTHER_HOME = "Choose one of this home's shifts."
FLAG_CHILD_OF_ANOTHER_HOME = "Choose a child who lives in this home."


class Handover(Revisioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being written"
        COMPLETED = "completed", "Completed"

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="handovers")
    shift = models.ForeignKey(ShiftPattern, on_delete=models.PROTECT, related_name="handovers")
    shift_date = models.DateField("Date the shift started")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    summary = models.TextField(
        "What the next shift needs to know",
        blank=True,
        help_text="How the shift went for the home, and anything the records below do not say.",
    )
    # The drafted items as they stood when the outgoing shift completed the handover: the page
    # then shows what they handed over, not what the records say later.
    items = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shift_date", "-shift__starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["home", "shift", "shift_date"], name="handover_one_per_home_per_shift"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(completed_at__isnull=False, completed_by__isnull=False),
                name="handover_completed_is_signed",
            ),
        ]
        indexes = [
            # The home's handover list and the dashboard's "to read" read a home's newest first.
            models.Index(fields=["home", "-shift_date"], name="handover_home_date_idx"),
        ]

    def __str__(self) -> str:
        return f"Handover at {self.home}, {self.shift.name} on {self.shift_date:%-d %b %Y}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    def clean(self) -> None:
        if self.shift_id and self.home_id and self.shift.home_id != self.home_id:
            raise ValidationError({"shift": [HANDOVER_SHIFT_OF_ANOTHER_HOME]})


class HandoverRead(models.Model):
    """A person of the incoming shift has read the handover: who and when, once each."""

    handover = models.ForeignKey(Handover, on_delete=models.PROTECT, related_name="reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        ordering = ["read_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "reader"], name="handover_read_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.reader} read the {self.handover}"


class HandoverFlag(models.Model):
    """Something staff raised for the next shift ("Ruby's dentist letter needs an answer"),
    from a daily log's follow-up or on the handover. Open until someone marks it resolved."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="handover_flags")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="handover_flags", null=True, blank=True)
    text = models.TextField("What the next shift needs to do or know")
    daily_log = models.OneToOneField(
        "shifts.DailyLog", on_delete=models.PROTECT, related_name="flag", null=True, blank=True
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField("How it was resolved", blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True) | models.Q(resolved_by__isnull=False),
                name="handover_flag_resolved_by_someone",
            ),
        ]
        indexes = [
            # The handover and the before-shift sheet read a home's open flags.
            models.Index(fields=["home", "resolved_at"], name="handover_flag_open_idx"),
        ]

    def __str__(self) -> str:
        about = f" about {self.child}" if self.child_id else ""
        return f"Flag{about} raised by {self.raised_by}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    def clean(self) -> None:
        if self.child_id and self.home_id and self.child.home_id != self.home_id:
            raise ValidationError({"child": [FLAG_CHILD_OF_ANOTHER_HOME]})
