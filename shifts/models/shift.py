"""A home's shift pattern, as data: the shifts its staff work (early, late, waking night...),
each with the times it runs. Daily logs and handovers belong to one shift on one date."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from homes.concurrency import Revisioned
from homes.models import Home

SHIFT_TIMES_EQUAL = "A shift must start and end at different times."
SHIFT_NAME_TAKEN = "This home already has a shift called {name}."


class ShiftPattern(Revisioned):
    """One shift in a home's day. A shift that ends at or before the time it starts runs past
    midnight (a waking night 22:00–07:30): it belongs to the date it starts on."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="shift_patterns")
    name = models.CharField(max_length=60, help_text="What staff call it: Early, Late, Waking night.")
    starts_at = models.TimeField("Starts at")
    ends_at = models.TimeField("Ends at", help_text="A time before the start means the shift ends the next morning.")
    is_night = models.BooleanField("Night shift", default=False, help_text="Night staff record how each child slept.")
    active = models.BooleanField(
        default=True, help_text="Untick when the home stops working this shift; its records stay."
    )

    class Meta:
        ordering = ["home", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["home", "name"], name="shift_pattern_unique_name_per_home"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_at:%H:%M}–{self.ends_at:%H:%M})"

    @property
    def runs_overnight(self) -> bool:
        return self.ends_at <= self.starts_at

    def window(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        """When this shift runs on `day` (the date it starts), as aware datetimes, Europe/London."""
        start = timezone.make_aware(datetime.datetime.combine(day, self.starts_at))
        end_day = day + datetime.timedelta(days=1) if self.runs_overnight else day
        return start, timezone.make_aware(datetime.datetime.combine(end_day, self.ends_at))

    def clean(self) -> None:
        if self.starts_at is not None and self.starts_at == self.ends_at:
            raise ValidationError({"ends_at": [SHIFT_TIMES_EQUAL]})
        if self.home_id and self.name:
            same = ShiftPattern.objects.filter(home_id=self.home_id, name__iexact=self.name.strip()).exclude(pk=self.pk)
            if same.exists():
                raise ValidationError({"name": [SHIFT_NAME_TAKEN.format(name=self.name.strip())]})


def shift_on(patterns: list[ShiftPattern], when: datetime.datetime) -> tuple[ShiftPattern, datetime.date] | None:
    """The shift (and the date it started) running at `when`, from a home's active patterns;
    the latest-starting one when two overlap (a late shift's first hour beside the early's last)."""
    local = timezone.localtime(when)
    found = None
    for pattern in patterns:
        for day in (local.date(), local.date() - datetime.timedelta(days=1)):
            start, end = pattern.window(day)
            if start <= local < end and (found is None or start > found[2]):
                found = (pattern, day, start)
    return (found[0], found[1]) if found else None
