"""Changes to children's records. Views validate input with forms and call these."""

import datetime

from django.db import transaction

from children.models import Child
from homes.models import Home


@transaction.atomic
def child_admit(*, home: Home, **details) -> Child:
    child = Child(home=home, **details)
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def child_update(*, child: Child, **details) -> Child:
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
