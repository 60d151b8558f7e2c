"""Changes to people. A person who leaves is deactivated, never deleted: their records, signatures
and check-ins stay, and so does the audit trail that names them."""

from homes.models import User

CANNOT_DEACTIVATE_YOURSELF = "You cannot deactivate your own account: ask another administrator."


def user_deactivate(*, user: User) -> None:
    """They can no longer log in or reach any record; everything they wrote stays."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])  # a model save, so django-auditlog records who did it
