import datetime

from django.db import models

from children.models import Child
from homes.concurrency import Revisioned
from tracker.months import last_day, meeting_due_by


class MonthlyTrackerQuerySet(models.QuerySet["MonthlyTracker"]):
    def locked(self) -> "MonthlyTrackerQuerySet":
        return self.filter(locked_at__isnull=False)


class MonthlyTracker(Revisioned):
    """A child's month under review: what the records show (computed, see tracker/prefill.py)
    and what the manager and the assessor enter at the monthly meeting. Locked once both
    have signed the meeting record, so the signed review cannot change afterwards."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="trackers")
    month = models.DateField(help_text="The first day of the month under review.")

    psychotherapy_progress = models.TextField(blank=True, help_text="Engagement with therapy and what has changed.")
    education_progress = models.TextField(blank=True, help_text="School or college: attendance, learning, settling.")
    child_voice = models.TextField(
        "In the child's words", blank=True, help_text="How the child says their month went, in their own words."
    )
    priorities = models.TextField(
        "Priorities for the coming month", blank=True, help_text="What the team will focus on next month."
    )

    opened_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MonthlyTrackerQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["child", "month"], name="tracker_one_per_child_per_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="tracker_month_is_first_day"),
        ]
        indexes = [
            # The home month view and the overdue panel select a month's trackers across children.
            models.Index(fields=["month"], name="tracker_month_idx"),
            # The trackers still open (a tracker is locked once its meeting is signed by both): the
            # overdue panel and the task list read these few, not every month of every child.
            models.Index(fields=["child"], condition=models.Q(locked_at__isnull=True), name="tracker_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.child.preferred_name} — {self.month:%B %Y}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def month_end(self) -> datetime.date:
        return last_day(self.month)

    @property
    def meeting_due_by(self) -> datetime.date:
        return meeting_due_by(self.month)

    ENTERED_FIELDS = ("psychotherapy_progress", "education_progress", "child_voice", "priorities")
