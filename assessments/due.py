"""Assessments falling due this fortnight, for the child's assessor — or, while a child has no
assessor, for the managers of their home (issue 12's task list)."""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse

from assessments import selectors
from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    children = selectors.with_last_assessed(
        access.children_for(user)
        .in_placement()
        .filter(Q(assessor=user) | Q(assessor__isnull=True, home__in=access.homes_run_by(user)))
        .select_related("home__assessment_policy")
    )
    for child in children:
        due = selectors.due_date(child, child.last_assessed, selectors.interval_for(child.home))
        if due <= until:
            yield Task(
                kind="Re-assessment" if child.last_assessed else "First assessment",
                about=child.preferred_name,
                due=due,
                url=reverse("assessment_list", args=[child.pk]),
                home_id=child.home_id,
                child_id=child.pk,
            )


def register() -> None:
    register_task_source(TaskSource(name="assessments", tasks=_tasks))
