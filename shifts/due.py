"""What the shift handover asks of people (issue 12's task list): the latest completed handover
of each home where they work shifts, until they have marked it read."""

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from homes.extensions import Task, TaskSource, register_task_source
from homes.models import Membership, User
from shifts.models import Handover, HandoverRead

# A handover older than this has been overtaken by the next ones: it is not a task any more.
STILL_TO_READ_FOR = datetime.timedelta(hours=24)


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    if not user.is_authenticated or not user.is_active:
        return
    works_in = Membership.objects.filter(user=user, role__in=Membership.KEY_WORKER_ROLES).values("home_id")
    latest = (
        Handover.objects.filter(
            home_id__in=works_in,
            status=Handover.Status.COMPLETED,
            completed_at__gte=timezone.now() - STILL_TO_READ_FOR,
        )
        .exclude(completed_by=user)
        .annotate(read=Exists(HandoverRead.objects.filter(handover=OuterRef("pk"), reader=user)))
        .select_related("home", "shift")
        .order_by("home_id", "-shift_date", "-shift__starts_at")
    )
    seen: set[int] = set()
    for handover in latest:
        if handover.home_id in seen:
            continue
        seen.add(handover.home_id)  # only each home's latest
        if not handover.read:
            yield Task(
                kind=f"Read the {handover.shift.name} shift's handover",
                about=handover.home.name,
                due=timezone.localdate(handover.completed_at),
                url=reverse("handover_detail", args=[handover.pk]),
                home_id=handover.home_id,
            )


def register() -> None:
    register_task_source(TaskSource(name="handovers", tasks=_tasks))
