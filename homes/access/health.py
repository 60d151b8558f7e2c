"""The health record, delegated authority, prescriptions, stock and the MAR (issue 11).

Everyone who reaches a child reads their health record and MAR (assessors and clinical leads
read, as the children_for reach gives them). Care staff, deputies and managers of the child's
home record doses, appointments, immunisations, allergies and registrations; managers and
deputies manage prescriptions, stock, statutory health assessments and delegated authority."""

from django.db.models import QuerySet

from children.models import Child
from homes.access.core import children_for, role_in
from homes.models import Home, Membership, User, current_membership


def can_record_health(user: User, child: Child) -> bool:
    """Appointments, immunisations, allergies and conditions, registrations: the home's staff."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_record_doses(user: User, child: Child) -> bool:
    """Give (or record not giving) medicines, and record medication errors: the home's staff."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_manage_medicines(user: User, child: Child) -> bool:
    """Prescriptions, stock, health assessments and delegated authority: managers and deputies."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES


def can_give_medicines_in(user: User, home: Home) -> bool:
    """The home's medicines round: the home's staff."""
    return role_in(user, home) in Membership.KEY_WORKER_ROLES


def medicine_children_in(user: User, home: Home) -> QuerySet[Child]:
    """The children in placement in this home that the person reaches, for the medicines round."""
    return children_for(user).in_placement().filter(home=home)


def witnesses_for(home: Home, *, excluding: User) -> QuerySet[User]:
    """Who may witness a controlled drug given in this home: another active member of its staff."""
    return (
        User.objects.filter(
            current_membership("memberships__"),
            is_active=True,
            memberships__home=home,
            memberships__role__in=Membership.KEY_WORKER_ROLES,
        )
        .exclude(pk=excluding.pk)
        .order_by("full_name")
    )
