"""Health work falling due (issue 12's task list): the statutory health assessments of children
in care, for the managers and deputies of the child's home."""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from health.models import HealthAssessment
from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    due = (
        access.for_children(user, HealthAssessment.objects.filter(done_on__isnull=True, due_on__lte=until))
        .filter(child__home__in=access.homes_run_by(user), child__discharge_date__isnull=True, child__archived=False)
        .select_related("child")
    )
    for assessment in due:
        yield Task(
            kind=assessment.get_kind_display(),
            about=assessment.child.preferred_name,
            due=assessment.due_on,
            url=reverse("health_record", args=[assessment.child_id]),
            home_id=assessment.child.home_id,
            child_id=assessment.child_id,
        )


def register() -> None:
    register_task_source(TaskSource(name="health-assessments", tasks=_tasks))
