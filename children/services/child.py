"""Changes to children's records. Views validate input with forms and call these."""

import datetime

from django.db import transaction

from children.models import Child
from homes.concurrency import revision_claim
from homes.models import Home, User


@transaction.atomic
def child_admit(*, home: Home, **details) -> Child:
    child = Child(home=home, **details)
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def child_update(*, child: Child, user: User | None = None, revision: int | None = None, **details) -> Child:
    """Correct the child's details, as read at `revision` (raises concurrency.StaleEdit if someone
    saved them since)."""
    revision_claim(child, revision=revision, user=user)
    for field, value in details.items():
        setattr(child, field, value)
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def child_discharge(*, child: Child, discharge_date: datetime.date, discharge_destination: str) -> Child:
    child.discharge_date = discharge_date
    child.discharge_destination = discharge_destination
    child.full_clean()
    child.save(update_fields=["discharge_date", "discharge_destination", "updated_at"])
    return child
