"""Oversight across homes (issue 12): the provider overview is for the people who oversee every
home — administrators, clinical leads and the responsible individual."""

from homes.models import User


def can_see_provider_overview(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.sees_all_homes
