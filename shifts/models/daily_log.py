"""The daily log: per child per shift, a short signed entry of how the shift went for the child.
Regulation 36: signed and dated by its author; the author may correct it for a day, after which
the change history keeps every earlier value."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from children.models.records import placement_date_errors
from shifts.models.shift import ShiftPattern

# The author may correct an entry this long after signing it.
EDIT_WINDOW = datetime.timedelta(hours=24)

LOG_IN_FUTURE = "This shift has not started yet: write the log during or after the shift."
SHIFT_OF_ANOTHER_HOME = "Choose one of {child}'s home's shifts."
ALREADY_LOGGED = "{child} already has a log for this shift, by {author}: open it to read or correct it."
NOTHING_WRITTEN = "Write at least one thing about how the shift went for {child}."

# The free-text fields staff write, for the language check (never the child's own words).
STAFF_TEXT_FIELDS = ("mood", "food", "sleep", "school", "family_time", "activities", "follow_up")


class DailyLog(models.Model):
    class Regulation(models.IntegerChoices):
        """How regulated the child seemed across the shift: a quick, shared reading."""

        OVERWHELMED = 1, "1 · Overwhelmed"
        HARD_TIME = 2, "2 · Having a hard time"
        UNSETTLED = 3, "3 · Unsettled"
        MOSTLY_SETTLED = 4, "4 · Mostly settled"
        CALM = 5, "5 · Calm and connected"

    CONTENT_FIELDS = ("regulation", *STAFF_TEXT_FIELDS, "child_words", "flag_for_next_shift")

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="daily_logs")
    shift = models.ForeignKey(ShiftPattern, on_delete=models.PROTECT, related_name="daily_logs")
    shift_date = models.DateField("Date the shift started")
    regulation = models.PositiveSmallIntegerField("How regulated across the shift", choices=Regulation.choices)
    mood = models.TextField("Mood and regulation", help_text="How they seemed through the shift, and what helped.")
    food = models.TextField(blank=True)
    sleep = models.TextField(blank=True, help_text="Night staff: when they settled, how they slept, when they woke.")
    school = models.TextField("School or education", blank=True)
    family_time = models.TextField("Family time", blank=True)
    activities = models.TextField(blank=True)
    follow_up = models.TextField("Anything to follow up", blank=True)
    child_words = models.TextField(
        "In the child's words", blank=True, help_text="Anything they said, as they said it: their words, not a summary."
    )
    flag_for_next_shift = models.BooleanField(
        "Flag the follow-up for the next shift",
        default=False,
        help_text="It stays on the handover and the before-shift sheet until someone marks it resolved.",
    )

    # Regulation 36: signed and dated by the author, set by the service, never by a form.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-shift_date", "-shift__starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "shift", "shift_date"],
                condition=models.Q(archived=False),
                name="daily_log_one_per_child_per_shift",
            ),
        ]
        indexes = [
            # The child's log list, the chronology and the tracker's month read a child's days.
            models.Index(fields=["child", "-shift_date"], name="daily_log_child_date_idx"),
            # The handover drafts a home's shift from the logs of that shift and date.
            models.Index(fields=["shift", "shift_date"], name="daily_log_shift_date_idx"),
        ]

    def __str__(self) -> str:
        return f"Daily log for {self.child} on {self.shift_date:%-d %b %Y}, {self.shift.name}"

    def editable_until(self) -> datetime.datetime:
        return self.signed_at + EDIT_WINDOW

    def is_editable(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.editable_until()

    def staff_text(self) -> str:
        """What staff wrote (not the child's words), for the language check."""
        return "\n".join(getattr(self, name) for name in STAFF_TEXT_FIELDS if getattr(self, name))

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        name = self.child.preferred_name if self.child_id else "the child"
        if self.shift_id and self.child_id and self.shift.home_id != self.child.home_id:
            errors["shift"] = [SHIFT_OF_ANOTHER_HOME.format(child=name)]
        if self.shift_id and self.shift_date and self.child_id and "shift" not in errors:
            start, _ = self.shift.window(self.shift_date)
            if start > timezone.now():
                errors["shift_date"] = [LOG_IN_FUTURE]
            else:
                errors.update(placement_date_errors(self.child, self.shift_date, "shift_date", LOG_IN_FUTURE))
        if errors:
            raise ValidationError(errors)
