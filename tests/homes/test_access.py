import pytest

from homes import access
from homes.models import Membership
from tests.factories import ChildFactory, member


@pytest.fixture
def other_child(other_home):
    return ChildFactory(home=other_home)


def test_members_see_only_their_homes_children(child, other_child, manager, staff, deputy, other_manager):
    for person in (manager, staff, deputy):
        assert list(access.children_for(person)) == [child]
    assert list(access.children_for(other_manager)) == [other_child]


def test_assessors_see_assigned_children_and_their_homes_children(home, other_home, child, other_child):
    visiting = member(other_home, Membership.Role.ASSESSOR)
    assigned_elsewhere = ChildFactory(home=home, assessor=visiting)
    assert set(access.children_for(visiting)) == {other_child, assigned_elsewhere}
    assert child not in access.children_for(visiting)


def test_provider_roles_see_every_child(child, other_child, administrator, clinical_lead):
    for person in (administrator, clinical_lead):
        assert set(access.children_for(person)) == {child, other_child}
        assert access.homes_for(person).count() == 2


def test_inactive_people_see_nothing(child, manager):
    manager.is_active = False
    assert not access.children_for(manager).exists()
    assert not access.homes_for(manager).exists()


def test_a_person_with_no_role_sees_nothing(child, django_user_model):
    from tests.factories import UserFactory

    assert not access.children_for(UserFactory()).exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("manager", True),
        ("deputy", True),
        ("administrator", True),
        ("staff", False),
        ("assessor", False),
        ("clinical_lead", False),
        ("other_manager", False),
    ],
)
def test_only_managers_and_administrators_admit_and_discharge(request, child, home, persona, allowed):
    person = request.getfixturevalue(persona)
    assert access.can_admit(person, home) is allowed
    assert access.can_discharge(person, child) is allowed
    assert access.can_edit_child(person, child) is allowed


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("manager", True), ("clinical_lead", True), ("administrator", True), ("staff", False), ("assessor", False)],
)
def test_history_is_for_managers_and_provider_roles(request, child, persona, allowed):
    assert access.can_view_history(request.getfixturevalue(persona), child) is allowed
