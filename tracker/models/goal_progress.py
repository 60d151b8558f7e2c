from django.core.exceptions import ValidationError
from django.db import models

from children.models import Goal, GoalThread
from tracker.models.tracker import MonthlyTracker

GOAL_NOT_THIS_CHILDS = "This goal is not one of {child}'s."
GOAL_NOT_ON_THREAD = "The goal reviewed must be a version of the goal recorded."


class GoalProgress(models.Model):
    """Progress on one care-plan goal in one child's month, agreed at the review with the
    evidence for it. Keyed by the goal's thread (its identity across plan versions), so the
    goal's progress reads month after month however often the plan is revised; `goal` is the
    version the review looked at."""

    class Progress(models.TextChoices):
        # Declaration order is the scale, worst first: trends chart it in this order.
        REGRESSED = "regressed", "Regressed"
        NO_CHANGE = "no_change", "No change"
        EMERGING = "emerging", "Emerging"
        PROGRESSING = "progressing", "Progressing"
        ACHIEVED = "achieved", "Achieved"

    tracker = models.ForeignKey(MonthlyTracker, on_delete=models.PROTECT, related_name="goal_progress")
    thread = models.ForeignKey(GoalThread, on_delete=models.PROTECT, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="progress")
    progress = models.CharField(max_length=20, choices=Progress.choices)
    evidence = models.TextField(help_text="What was seen this month that shows it: sessions, moments, words.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["tracker", "thread_id"]
        verbose_name_plural = "goal progress"
        constraints = [
            models.UniqueConstraint(fields=["tracker", "thread"], name="goal_progress_once_per_tracker_and_goal"),
        ]
        indexes = [
            # A goal's history (trends, the meeting pack) reads its thread's progress month by month.
            models.Index(fields=["thread", "tracker"], name="goal_progress_thread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_progress_display()} ({self.tracker})"

    @property
    def score(self) -> int:
        """0 (regressed) to 4 (achieved): the position on the scale, for charts."""
        return list(self.Progress.values).index(self.progress)

    def clean(self) -> None:
        if self.goal_id and self.thread_id and self.goal.thread_id != self.thread_id:
            raise ValidationError({"goal": GOAL_NOT_ON_THREAD})
        if self.tracker_id and self.thread_id and self.thread.child_id != self.tracker.child_id:
            raise ValidationError({"thread": GOAL_NOT_THIS_CHILDS.format(child=self.tracker.child.preferred_name)})
