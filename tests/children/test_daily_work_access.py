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
