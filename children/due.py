"""What the care plans and risk assessments ask of people this fortnight: reviews falling due and
drafts to sign off, for the managers of the child's home (issue 12's task list)."""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from children.models import CarePlan, RiskAssessment, SignedOffVersion
from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User

NOUNS = {CarePlan: ("Care plan", "care_plan_detail"), RiskAssessment: ("Risk assessment", "risk_assessment_detail")}


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    run = access.homes_run_by(user)
    for model, (noun, url_name) in NOUNS.items():
        records: list[SignedOffVersion] = list(
            model.objects.filter(
                Q(status=model.Status.DRAFT) | Q(status=model.Status.ACTIVE, review_date__lte=until),
                child__home__in=run,
                child__discharge_date__isnull=True,
                child__archived=False,
            ).select_related("child")
        )
        for record in records:
            url = reverse(url_name, args=[record.pk])
            if record.is_draft:
                yield Task(
                    kind=f"Sign off {noun.lower()} draft",
                    about=record.child.preferred_name,
                    due=timezone.localtime(record.created_at).date(),
                    url=url,
                    home_id=record.child.home_id,
                    child_id=record.child_id,
                )
            else:
                yield Task(
                    kind=f"{noun} review",
                    about=record.child.preferred_name,
                    due=record.review_date,
                    url=url,
                    home_id=record.child.home_id,
                    child_id=record.child_id,
                )


def register() -> None:
    register_task_source(TaskSource(name="care-plans", tasks=_tasks))
