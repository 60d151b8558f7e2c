"""Who supervises whom: set explicitly by the home's registered manager.

A supervisor reads their supervisee's wellbeing check-ins (score and private note), so the
relationship is never inferred from who happened to record a session: the manager names it,
with the day it began, and the supervisor reads only check-ins recorded from that day on.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from homes.models import Home

SUPERVISOR_IS_PERSON = "A person cannot be their own supervisor."
UNTIL_BEFORE_SINCE = "An arrangement must end after it began."
SINCE_IN_FUTURE = "An arrangement starts today or earlier: set it on the day it begins."


class SupervisionArrangement(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_arrangements"
    )
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervising")
    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="supervision_arrangements")
    since = models.DateField("Supervising since")
    until = models.DateField("Until", null=True, blank=True, help_text="Empty while the arrangement stands.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["home", "person__full_name", "-since"]
        constraints = [
            # One standing supervisor per person per home: a new one ends the old (services).
            models.UniqueConstraint(
                fields=["person", "home"], condition=models.Q(until__isnull=True), name="arrangement_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gt=models.F("since")),
                name="arrangement_until_after_since",
            ),
            models.CheckConstraint(condition=~models.Q(person=models.F("supervisor")), name="arrangement_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor} supervises {self.person} at {self.home} since {self.since:%d %b %Y}"

    def is_current(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.since <= day and (self.until is None or self.until > day)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.person_id and self.person_id == self.supervisor_id:
            errors.setdefault("supervisor", []).append(SUPERVISOR_IS_PERSON)
        if self.since and self.since > timezone.localdate():
            errors.setdefault("since", []).append(SINCE_IN_FUTURE)
        if self.since and self.until and self.until <= self.since:
            errors.setdefault("until", []).append(UNTIL_BEFORE_SINCE)
        if errors:
            raise ValidationError(errors)
