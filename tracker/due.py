"""Monthly reviews falling due this fortnight (issue 12's task list): the meeting of each month is
due by the 20th of the next, held by the child's assessor and the home's manager; once held, each
of the two people recorded signs it."""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse

from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User
from tracker.models import MonthlyTracker, ReviewMeeting
from tracker.months import first_of, meeting_due_by, previous_month


def latest_month_due_by(day: datetime.date) -> datetime.date:
    """The latest month whose meeting is due on or before this day."""
    month = previous_month(first_of(day))
    return month if meeting_due_by(month) <= day else previous_month(month)


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    in_placement = access.for_children(user, MonthlyTracker.objects.all()).filter(
        child__discharge_date__isnull=True, child__archived=False
    )
    # Two queries, each on its own index (issue 14): one OR across both would read every tracker
    # of the provider. Meetings not yet held, of the homes the person runs or children they assess...
    mine = Q(child__home__in=access.homes_run_by(user)) | Q(child__assessor=user)
    not_held = in_placement.filter(
        mine, locked_at__isnull=True, meeting__isnull=True, month__lte=latest_month_due_by(until)
    )
    for tracker in not_held.select_related("child"):
        yield _task(tracker, "Monthly review meeting")
    # ...and meetings held that wait for the person's signature (partial indexes of unsigned rows).
    unsigned = ReviewMeeting.objects.filter(
        Q(manager=user, manager_signed_at__isnull=True) | Q(assessor=user, assessor_signed_at__isnull=True),
        tracker__in=in_placement,
    )
    for meeting in unsigned.select_related("tracker__child"):
        yield _task(meeting.tracker, "Sign the monthly review")


def _task(tracker: MonthlyTracker, kind: str) -> Task:
    return Task(
        kind=kind,
        about=f"{tracker.child.preferred_name}, {tracker.month:%B %Y}",
        due=meeting_due_by(tracker.month),
        url=reverse("tracker_detail", args=[tracker.pk]),
        home_id=tracker.child.home_id,
        child_id=tracker.child_id,
    )


def register() -> None:
    register_task_source(TaskSource(name="monthly-reviews", tasks=_tasks))
