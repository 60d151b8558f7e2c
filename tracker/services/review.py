"""The review page's save: what the manager and the assessor entered and the progress on each
goal, together, guarded against a second person's save (homes/concurrency.py)."""

from django.db import transaction

from homes.concurrency import revision_claim
from homes.models import User
from tracker.models import MonthlyTracker
from tracker.services.goal_progress import GoalEntry, goal_progress_record
from tracker.services.tracker import tracker_update


@transaction.atomic
def tracker_review_save(
    *, tracker: MonthlyTracker, user: User, revision: int | None, entered: dict[str, str], entries: list[GoalEntry]
) -> MonthlyTracker:
    """Save the review as read at `revision`: raises concurrency.StaleEdit if someone saved it
    since, ValidationError if it was signed meanwhile."""
    revision_claim(tracker, revision=revision, user=user)
    tracker = tracker_update(tracker=tracker, **entered)
    goal_progress_record(tracker=tracker, entries=entries)
    return tracker
