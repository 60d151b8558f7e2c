"""Consequences, complaints (Regulation 39) and Regulation 40 notifications.

- Consequences are part of the child's record: everyone who reads the child reads them; the
  home's care staff, deputies and managers record them and add the follow-up.
- Complaints: a child's complaint is read by the home's managers and deputies, the responsible
  individual and provider administrators, and by the person who recorded it;
  a complaint about a member of staff is never visible to that person, whatever their role.
- Notifications: the home's managers and deputies (and administrators) make and send them; the
  responsible individual reads them all. An allegation about a member of staff is never
  visible to that person.
"""

from django.db.models import Q, QuerySet

from children.models import Child
from homes.access.core import homes_for, homes_with_role, role_in
from homes.models import Home, Membership, User


def can_record_consequence(user: User, child: Child) -> bool:
    """The people who care for the child day to day: the home's care staff, deputies, managers."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def _oversees_all(user: User) -> bool:
    """Administrators and the responsible individual, who answers to Ofsted for every home."""
    return user.is_administrator or user.is_responsible_individual


def _managed_homes(user: User) -> QuerySet[Home]:
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if _oversees_all(user):
        return Home.objects.all()
    return homes_with_role(user, Membership.MANAGING_ROLES)


def complaints_for(user: User, queryset: QuerySet) -> QuerySet:
    """The complaints the person may read, never one about themselves."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    member_of = homes_for(user)
    visible = Q(home__in=_managed_homes(user)) | Q(recorded_by=user, home__in=member_of)
    return queryset.filter(visible).exclude(about_staff=user)


def can_record_complaint(user: User, home: Home) -> bool:
    """Anyone working in the home may write down a complaint they were given."""
    return role_in(user, home) in Membership.KEY_WORKER_ROLES


def can_handle_complaint(user: User, home: Home) -> bool:
    """Record what was done, the outcome, and close it: the home's managers and administrators."""
    return user.is_administrator or role_in(user, home) in Membership.MANAGING_ROLES


def can_see_complaints_register(user: User, home: Home) -> bool:
    return user.is_responsible_individual or can_handle_complaint(user, home)


def notifications_for(user: User, queryset: QuerySet) -> QuerySet:
    """The notifications the person may read, never one about themselves."""
    return queryset.filter(home__in=_managed_homes(user)).exclude(about_staff=user)


def can_notify(user: User, home: Home) -> bool:
    """Make, send and record Regulation 40 notifications: the home's managers and deputies
    (the registered person or someone they authorise) and administrators."""
    return user.is_administrator or role_in(user, home) in Membership.MANAGING_ROLES


def can_see_notifications(user: User, home: Home) -> bool:
    """The home's register of notifications: those who send them, and the responsible individual."""
    return user.is_responsible_individual or can_notify(user, home)


def can_see_annex_a(user: User, home: Home) -> bool:
    """The Annex A counts for inspectors: the home's managers, administrators, clinical leads and
    the responsible individual."""
    return user.is_clinical_lead or can_see_notifications(user, home)
