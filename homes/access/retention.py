"""Retention and disposal (issue 15): administrators keep the schedule (legal holds, dates of
death, staff leaving dates) and confirm disposals; a disposal also needs the confirmation of a
registered manager of the home the record belongs to (the child's home, or a home where the member
of staff worked). Everyone else: 404."""

from django.apps import apps
from django.db.models import Q, QuerySet

from homes.access.core import home_ids_of
from homes.models import Membership, User

__all__ = [
    "can_keep_retention",
    "can_confirm_disposal_as_manager",
    "disposals_for",
    "get_disposal_for",
]


def _disposal_model():
    return apps.get_model("records", "Disposal")


def can_keep_retention(user: User) -> bool:
    """The retention pages, legal holds, dates of death and leaving: provider administrators."""
    return user.is_authenticated and user.is_active and user.is_administrator


def _managed_home_ids(user: User) -> list[int] | QuerySet:
    # The registered manager only: disposal is the manager's decision, not a deputy's.
    return home_ids_of(user, {Membership.Role.MANAGER})


def disposals_for(user: User) -> QuerySet:
    """The disposals a person may read and confirm: administrators every one; a registered
    manager those of their home's children and of staff who worked in their home."""
    Disposal = _disposal_model()
    if not user.is_authenticated or not user.is_active:
        return Disposal.objects.none()
    if user.is_administrator:
        return Disposal.objects.all()
    homes = _managed_home_ids(user)
    staff_in_homes = Membership.all_objects.filter(home_id__in=homes).values("user_id")
    return Disposal.objects.filter(Q(child__home_id__in=homes) | Q(person_id__in=staff_in_homes))


def get_disposal_for(user: User, pk: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(disposals_for(user).select_related("child", "person"), pk=pk)


def can_confirm_disposal_as_manager(user: User, disposal) -> bool:
    """A registered manager of the record's home, who is not the administrator who confirmed."""
    if not user.is_authenticated or not user.is_active or disposal.administrator_confirmed_by_id == user.pk:
        return False
    homes = _managed_home_ids(user)
    if disposal.child_id:
        return disposal.child.home_id in set(homes.values_list("home_id", flat=True))
    return Membership.all_objects.filter(home_id__in=homes, user_id=disposal.person_id).exists()
