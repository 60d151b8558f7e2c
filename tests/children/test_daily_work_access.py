"""The predicates in homes/access.py for key working, daily care and provision, by role."""

import pytest

from homes import access
from homes.models import Membership, User
from tests.factories import UserFactory, member

WRITE_ROLES = {Membership.Role.CARE_STAFF, Membership.Role.DEPUTY_MANAGER, Membership.Role.MANAGER}


@pytest.mark.parametrize("role", list(Membership.Role))
def test_the_homes_carers_and_managers_log_daily_work_and_assessors_do_not(home, child, role):
    assert access.can_log_daily_work(member(home, role), child) is (role in WRITE_ROLES)


@pytest.mark.parametrize("role", list(Membership.Role))
def test_only_managers_and_deputies_arrange_provision(home, child, role):
    expected = role in Membership.MANAGING_ROLES
    assert access.can_arrange_provision(member(home, role), child) is expected


@pytest.mark.parametrize("provider_role", [User.ProviderRole.ADMINISTRATOR, User.ProviderRole.CLINICAL_LEAD])
def test_provider_wide_roles_read_but_do_not_write(child, provider_role):
    person = UserFactory(provider_role=provider_role)
    assert access.children_for(person).filter(pk=child.pk).exists()
    assert not access.can_log_daily_work(person, child)
    assert not access.can_arrange_provision(person, child)


def test_a_member_of_another_home_writes_nothing(other_manager, child):
    assert not access.can_log_daily_work(other_manager, child)
    assert not access.can_arrange_provision(other_manager, child)


def test_a_carer_takes_back_their_own_entry_until_24_hours_after_recording_it(home, child, staff):
    from children.models.daily_care import TAKE_BACK_WINDOW
    from tests.children.factories import ActivityFactory

    activity = ActivityFactory(child=child, recorded_by=staff)
    assert access.can_archive_activity(staff, activity, now=activity.recorded_at + TAKE_BACK_WINDOW / 2)
    assert not access.can_archive_activity(staff, activity, now=activity.recorded_at + TAKE_BACK_WINDOW)
    manager = member(home, Membership.Role.MANAGER)
    assert access.can_archive_activity(manager, activity, now=activity.recorded_at + TAKE_BACK_WINDOW * 30)
