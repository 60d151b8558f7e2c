"""Daily therapeutic care and enrichment: quick entries of what adults did with the child,
and which part of the brain map it was meant to help (regulate, relate, reason)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.brain import Region
from children.models.child import Child
from children.models.records import duration_errors, placement_date_errors

# How long after recording it a care worker may take back their own quick entry.
TAKE_BACK_WINDOW = datetime.timedelta(hours=24)

ACTIVITY_IN_FUTURE = "This activity is in the future: record it on the day it happens, or after."


class Activity(models.Model):
    class Kind(models.TextChoices):
        ENRICHMENT = "enrichment", "Enrichment activity"
        SOOTHING = "soothing", "Soothing or regulating activity"
        FAMILY_TIME = "family_time", "Family time"
        EDUCATION = "education", "Education"
        HEALTH = "health", "Health"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField("Type", max_length=20, choices=Kind.choices)
    date = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField("Minutes")
    region = models.CharField(
        "Domain addressed",
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text="The part of the brain map this was meant to help, if any.",
    )
    note = models.CharField(max_length=280, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "activities"
        ordering = ["-date", "-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=1), name="activity_duration_positive"),
        ]
        indexes = [
            # The activities page, the child's panel and the chronology read a child's days newest first.
            models.Index(fields=["child", "-date"], name="activity_child_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.child} on {self.date:%-d %b %Y}"

    def recently_recorded(self, now: datetime.datetime | None = None) -> bool:
        """Still inside the window in which its recorder may take it back."""
        return (now or timezone.now()) < self.recorded_at + TAKE_BACK_WINDOW

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.date and self.child_id:
            errors.update(placement_date_errors(self.child, self.date, "date", ACTIVITY_IN_FUTURE))
        errors.update(duration_errors(self.duration_minutes))
        if errors:
            raise ValidationError(errors)
