"""The dashboard's supervision panels (registered in apps.py; `homes` never imports us)."""

from homes import access
from homes.models import Home, User
from supervision.models import SupervisionSession
from supervision.services.compliance import (
    MONTHS_SHOWN,
    compliance_counts_for_homes,
    compliance_for_homes,
    last_months,
)
from supervision.services.mine import my_supervision_summary
from supervision.services.training import training_counts_for_homes


def my_supervision_context(user: User, homes: list[Home]) -> dict | None:
    """Everyone who works in a home, and clinical leads who supervise: their next session,
    signatures and actions waiting."""
    works_in_a_home = bool(access.roles_of(user))
    if not works_in_a_home and not SupervisionSession.objects.filter(supervisor=user).exists():
        return None
    return my_supervision_summary(user)


def compliance_context(user: User, homes: list[Home]) -> dict | None:
    """The homes the person oversees: who is overdue, the six-month trend, training gaps. People
    who see every home get one row per home (counts and this month's share, no names or charts):
    the home's own pages hold the rest."""
    overseen = [home for home in homes if access.can_oversee_staff(user, home)]
    if not overseen:
        return None
    per_home = user.sees_all_homes
    # The training counts, never the matrix's people and cells: its page shows those.
    training = training_counts_for_homes(overseen)
    if per_home:
        summaries = compliance_counts_for_homes(overseen)
    else:
        summaries = compliance_for_homes(overseen, *last_months(MONTHS_SHOWN))
    return {
        "per_home": per_home,
        "homes": [{"summary": summary, "training": training[summary.home.pk]} for summary in summaries],
    }
