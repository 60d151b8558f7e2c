"""Progress on the care plan's goals, entered at the monthly review."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from children.models import Goal
from tracker.models import GoalProgress, MonthlyTracker
from tracker.prefill import open_goals, plan_in_force
from tracker.services.tracker import meeting_clear_signatures, require_unlocked

GOAL_NOT_UNDER_REVIEW = "This goal is not an open goal of the plan {child} was working to in {month}."
EVIDENCE_NEEDED = "Say what shows this progress: a session, a moment, the child's words."


@dataclass(frozen=True)
class GoalEntry:
    goal: Goal
    progress: str
    evidence: str


@transaction.atomic
def goal_progress_record(*, tracker: MonthlyTracker, entries: list[GoalEntry]) -> list[GoalProgress]:
    """Record progress on goals of the plan in force at the month's end (one row per goal thread,
    corrected in place while the tracker is open). A change clears signatures already given,
    as any change to the review does."""
    tracker = MonthlyTracker.objects.select_for_update().select_related("child").get(pk=tracker.pk)
    require_unlocked(tracker)
    existing = {row.thread_id: row for row in GoalProgress.objects.filter(tracker=tracker)}
    plan = plan_in_force(tracker.child, tracker.month)
    reviewable = {goal.pk: goal for goal in open_goals(plan, also_threads=existing)}
    saved, changed = [], False
    for entry in entries:
        goal = reviewable.get(entry.goal.pk)
        if goal is None:
            raise ValidationError(
                GOAL_NOT_UNDER_REVIEW.format(child=tracker.child.preferred_name, month=f"{tracker.month:%B %Y}")
            )
        if not entry.evidence.strip():
            raise ValidationError({"evidence": EVIDENCE_NEEDED})
        row = existing.get(goal.thread_id) or GoalProgress(tracker=tracker, thread_id=goal.thread_id)
        new = {"goal": goal, "progress": entry.progress, "evidence": entry.evidence.strip()}
        if row._state.adding or any(getattr(row, name) != value for name, value in new.items()):
            for name, value in new.items():
                setattr(row, name, value)
            row.full_clean(validate_constraints=False)
            row.save()
            changed = True
        saved.append(row)
    if changed:
        meeting_clear_signatures(tracker=tracker)
    return saved
