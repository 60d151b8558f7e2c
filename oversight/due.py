"""The implementation plan on people's task lists (issue 12): actions they own falling due, and a
home's yearly self-assessment for its managers."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User
from oversight.models import ImplementationAction
from oversight.services.self_assessment import SELF_ASSESSMENT_EVERY_DAYS


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    actions = ImplementationAction.objects.filter(
        owner=user, done_on__isnull=True, due_on__lte=until, self_assessment__in=access.self_assessments_for(user)
    ).select_related("self_assessment__home")
    for action in actions:
        yield Task(
            kind="Implementation plan action",
            about=action.self_assessment.home.name,
            due=action.due_on,
            url=reverse("implementation_home", args=[action.self_assessment.home_id]),
            home_id=action.self_assessment.home_id,
        )
    homes = access.homes_run_by(user).annotate(
        last_completed=Max("self_assessments__completed_at"),
        under_way=Count("self_assessments", filter=Q(self_assessments__completed_at__isnull=True)),
    )
    for home in homes:
        if home.under_way:
            continue  # carrying it on is on the home's Implementation page
        due = (
            timezone.localdate(home.last_completed) + datetime.timedelta(days=SELF_ASSESSMENT_EVERY_DAYS)
            if home.last_completed
            else today
        )
        if due <= until:
            yield Task(
                kind="Implementation self-assessment",
                about=home.name,
                due=due,
                url=reverse("implementation_home", args=[home.pk]),
                home_id=home.pk,
            )


def register() -> None:
    register_task_source(TaskSource(name="implementation", tasks=_tasks))
