"""What retention plugs into (issue 15): the change history of its rows, the administrator's
button on a child's page, and the confirmations a registered manager or administrator owes."""

import datetime

from homes.extensions import Task


def disposal_tasks(user, today: datetime.date, until: datetime.date) -> list[Task]:
    """A disposal waiting for this person's confirmation (a manager's or an administrator's)."""
    from django.urls import reverse

    from homes import access
    from records.models import Disposal

    waiting = access.disposals_for(user).filter(status=Disposal.Status.DUE, retain_until__lte=until)
    if user.is_administrator:
        waiting = waiting.filter(administrator_confirmed_by__isnull=True)
    else:
        waiting = waiting.filter(manager_confirmed_by__isnull=True)
    tasks = []
    for disposal in waiting.select_related("child", "person"):
        about = disposal.child.preferred_name if disposal.child else "a member of staff's record"
        tasks.append(
            Task(
                kind="Confirm disposal of a record",
                about=about,
                due=disposal.retain_until,
                url=reverse("disposal_detail", args=[disposal.pk]),
                home_id=disposal.child.home_id if disposal.child else None,
                child_id=disposal.child_id,
            )
        )
    return tasks


def register() -> None:
    from auditlog.registry import auditlog

    from children.extensions import ChildAction, register_child_action
    from homes import access
    from homes.extensions import TaskSource, register_task_source
    from records.models import Disposal, LegalHold, StaffDeparture, Tombstone

    # Every disposal, hold and leaving date is in the change history (issue 15, item 6).
    for model in (Disposal, LegalHold, StaffDeparture, Tombstone):
        auditlog.register(model, exclude_fields=["id"])
    register_child_action(
        ChildAction(
            name="retention",
            label="Check retention and legal hold",
            url_name="retention_child",
            allowed=lambda user, child: access.can_keep_retention(user),
            order=900,
        )
    )
    register_task_source(TaskSource(name="disposals", tasks=disposal_tasks))
