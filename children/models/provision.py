"""Education and psychotherapy provision sourced for the child, and the register of sessions
that shows whether the child is actually getting it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from children.models.child import Child
from children.models.records import placement_date_errors
from homes.concurrency import Revisioned

ARRANGEMENT_ENDS_BEFORE_START = "The arrangement ends before it starts."
SESSION_IN_FUTURE = "This session is in the future: fill in the register on the day, or after."
SESSION_OUTSIDE_ARRANGEMENT = "The arrangement runs from {start}{end}: this date is outside it."


class ProvisionArrangement(Revisioned):
    class Kind(models.TextChoices):
        EDUCATION = "education", "Education"
        PSYCHOTHERAPY = "psychotherapy", "Psychotherapy"
        OTHER_THERAPY = "other_therapy", "Other therapy"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every school day"
        TWICE_WEEKLY = "twice_weekly", "Twice a week"
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"

    # About how many sessions each frequency means in a month, to compare with the register.
    SESSIONS_PER_MONTH = {
        Frequency.DAILY: 19,
        Frequency.TWICE_WEEKLY: 8,
        Frequency.WEEKLY: 4,
        Frequency.FORTNIGHTLY: 2,
        Frequency.MONTHLY: 1,
    }

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="provision_arrangements")
    kind = models.CharField("Type", max_length=20, choices=Kind.choices)
    provider = models.CharField(max_length=150, help_text="The school, college, therapist or service.")
    description = models.CharField(
        max_length=200, blank=True, help_text="For example: dramatherapy, Year 9 full timetable."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Leave empty while it continues.")
    frequency = models.CharField("Expected frequency", max_length=20, choices=Frequency.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="provision_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.provider}"

    @property
    def expected_per_month(self) -> int:
        return self.SESSIONS_PER_MONTH[self.frequency]

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": [ARRANGEMENT_ENDS_BEFORE_START]})


class ProvisionSession(models.Model):
    """One line of the register: a session that was due, and what happened."""

    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        CANCELLED_BY_PROVIDER = "cancelled_provider", "Cancelled by provider"
        CANCELLED_BY_HOME = "cancelled_home", "Cancelled by home"
        DID_NOT_ATTEND = "did_not_attend", "Child did not attend"

    arrangement = models.ForeignKey(ProvisionArrangement, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices)
    note = models.CharField(max_length=280, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            # The register has one line per arrangement per day; provision_session_record corrects that line.
            models.UniqueConstraint(fields=["arrangement", "date"], name="provision_session_one_per_day"),
        ]
        indexes = [
            # The attendance rates and the register group an arrangement's sessions by date.
            models.Index(fields=["arrangement", "date"], name="provision_session_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.arrangement} on {self.date:%-d %b %Y}: {self.get_status_display()}"

    def clean(self) -> None:
        if not (self.date and self.arrangement_id):
            return
        arrangement = self.arrangement
        errors = placement_date_errors(arrangement.child, self.date, "date", SESSION_IN_FUTURE)
        if not errors and (
            self.date < arrangement.start_date or (arrangement.end_date and self.date > arrangement.end_date)
        ):
            end = f" to {arrangement.end_date:%-d %B %Y}" if arrangement.end_date else " onwards"
            errors = {
                "date": [SESSION_OUTSIDE_ARRANGEMENT.format(start=f"{arrangement.start_date:%-d %B %Y}", end=end)]
            }
        if errors:
            raise ValidationError(errors)
