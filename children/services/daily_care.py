"""Quick entries of daily therapeutic care and enrichment."""

from django.db import transaction

from children.models import Activity, Child
from homes.models import User


@transaction.atomic
def activity_add(*, child: Child, recorded_by: User, **fields) -> Activity:
    activity = Activity(child=child, recorded_by=recorded_by, **fields)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def activity_archive(*, activity: Activity) -> Activity:
    """Take back an entry made in error: it leaves the lists and the chronology but stays in
    the database and the change history (care records are never deleted)."""
    activity.archived = True
    activity.save(update_fields=["archived"])
    return activity
