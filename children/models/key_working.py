"""Key-working sessions: planned one-to-one time between a child and a member of staff,
recording the child's own words. Regulation 36: each entry is signed and dated by its author;
after a short correction window an entry changes only by a reasoned amendment that keeps
what it said before."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models.care_plan import Goal
from children.models.child import Child
from children.models.records import duration_errors, placement_date_errors
from homes.models import User

# The author may correct an entry this long after signing it; after that, only amend it.
EDIT_WINDOW = datetime.timedelta(hours=24)

KEY_WORKING_IN_FUTURE = "This session is in the future: record key working after it has happened."
STAFF_NOT_IN_HOME = "The member of staff must work at {child}'s home."
GOAL_NOT_THIS_CHILDS = "A goal worked on must come from this child's own care plan."


class KeyWorkingSession(models.Model):
    class Regulation(models.IntegerChoices):
        """How regulated the child seemed: a quick, shared reading, not a score of the child."""

        OVERWHELMED = 1, "1 · Overwhelmed"
        HARD_TIME = 2, "2 · Having a hard time"
        UNSETTLED = 3, "3 · Unsettled"
        MOSTLY_SETTLED = 4, "4 · Mostly settled"
        CALM = 5, "5 · Calm and connected"

    # The fields an edit or amendment may change (everything but who signed it and when).
    CONTENT_FIELDS = (
        "staff_member",
        "happened_at",
        "duration_minutes",
        "topic",
        "child_voice",
        "notes",
        "goals_worked_on",
        "regulation_before",
        "regulation_after",
        "follow_ups",
    )

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="key_working_sessions")
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="key_working_sessions",
        help_text="Who spent the time with the child.",
    )
    happened_at = models.DateTimeField("Date and time")
    duration_minutes = models.PositiveSmallIntegerField("Length (minutes)")
    topic = models.CharField(max_length=150, help_text="What the session was about.")
    child_voice = models.TextField(
        "In the child's words", help_text="What the child said, as they said it: their words, not a summary."
    )
    notes = models.TextField(blank=True, help_text="What you noticed and did.")
    # Each goal is one plan version's copy; its thread follows it across versions, so the work
    # done towards a goal can be counted however many times the plan is revised.
    goals_worked_on = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="key_working_sessions",
        help_text="The goals in the care plan that this session worked towards.",
    )
    regulation_before = models.PositiveSmallIntegerField("How regulated before", choices=Regulation.choices)
    regulation_after = models.PositiveSmallIntegerField("How regulated after", choices=Regulation.choices)
    follow_ups = models.TextField(
        "Agreed follow-ups", blank=True, help_text="What you and the child agreed to do next."
    )

    # Regulation 36: signed and dated by the author, set by the service, never by a form.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=1), name="key_working_duration_positive"),
        ]
        indexes = [
            # The child's key-working list, panel and chronology read a child's sessions newest first.
            models.Index(fields=["child", "-happened_at"], name="key_working_child_when_idx"),
        ]

    def __str__(self) -> str:
        return f"Key working with {self.child} on {timezone.localtime(self.happened_at):%-d %b %Y}: {self.topic}"

    def editable_until(self) -> datetime.datetime:
        return self.signed_at + EDIT_WINDOW

    def is_editable(self, now: datetime.datetime | None = None) -> bool:
        """Still inside the author's correction window."""
        return (now or timezone.now()) < self.editable_until()

    def _staff_works_in_home(self) -> bool:
        return User.objects.working_in(self.child.home_id).filter(pk=self.staff_member_id).exists()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.happened_at and self.child_id:
            if self.happened_at > timezone.now():
                errors["happened_at"] = [KEY_WORKING_IN_FUTURE]
            else:
                day = timezone.localdate(self.happened_at)
                errors.update(placement_date_errors(self.child, day, "happened_at", KEY_WORKING_IN_FUTURE))
        errors.update(duration_errors(self.duration_minutes))
        if self.staff_member_id and self.child_id and not self._staff_works_in_home():
            errors["staff_member"] = [STAFF_NOT_IN_HOME.format(child=self.child.preferred_name)]
        if errors:
            raise ValidationError(errors)

    def clean_goals(self, goals) -> None:
        """A many-to-many is set after saving, so `clean()` cannot see it: the service calls this
        with the goals about to be set."""
        others = Goal.objects.filter(pk__in=[goal.pk for goal in goals]).exclude(plan__child_id=self.child_id)
        if others.exists():
            raise ValidationError({"goals_worked_on": [GOAL_NOT_THIS_CHILDS]})


class KeyWorkingAmendment(models.Model):
    """A change to a session after the correction window: why, by whom and when, with the values
    the entry held just before, so the original and each step stay readable."""

    session = models.ForeignKey(KeyWorkingSession, on_delete=models.PROTECT, related_name="amendments")
    reason = models.TextField(help_text="Why the entry needs changing.")
    # {field: value before this amendment}, for every content field (JSON-ready values).
    previous_values = models.JSONField()
    changed_fields = models.JSONField(default=list)
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amended_at = models.DateTimeField()

    class Meta:
        ordering = ["amended_at", "pk"]

    def __str__(self) -> str:
        return f"Amendment to {self.session} by {self.amended_by} on {timezone.localtime(self.amended_at):%-d %b %Y}"
