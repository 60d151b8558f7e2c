"""Changes to people. A person who leaves is deactivated, never deleted: their records, signatures
and check-ins stay, and so does the audit trail that names them."""

from django.db import transaction
from django.utils import timezone

from homes.models import Membership, User

CANNOT_DEACTIVATE_YOURSELF = "You cannot deactivate your own account: ask another administrator."


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """They can no longer log in or reach any record; everything they wrote stays. They have left
    each home they worked in today, which the home's leavers and turnover count."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])  # a model save, so django-auditlog records who did it
    for membership in Membership.objects.filter(user=user):
        membership_end(membership=membership)


def membership_end(*, membership: Membership, on=None) -> Membership:
    """The person leaves the home on that day (today unless given): from then on they are no member
    of it. The row stays, never deleted: it is their history in the home."""
    on = on or timezone.localdate()
    membership.ended_on = max(on, membership.started_on)  # one who was to start has not started
    membership.full_clean()
    membership.save(update_fields=["ended_on"])  # a model save, so django-auditlog records who did it
    return membership
