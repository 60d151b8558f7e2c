import pytest
from django.urls import reverse

from homes.models import Membership
from tests.factories import ChildFactory, member
from tests.utils import count_queries


def test_manager_sees_each_child_with_age_days_and_key_worker(client_for, manager, child, staff):
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Willow House" in page
    assert "Siobhán" in page
    assert str(child.age) in page
    assert f"<td>{child.days_in_placement}</td>" in page
    assert staff.full_name in page
    assert reverse("child_admit", args=[child.home.pk]) in page


def test_care_staff_see_their_key_children_and_cannot_admit(client_for, staff, child, home):
    page = client_for(staff).get(reverse("dashboard")).text
    assert "Siobhán" in page
    assert "your key child" in page
    assert reverse("child_admit", args=[home.pk]) not in page


def test_other_homes_children_are_not_shown(client_for, other_manager, child):
    page = client_for(other_manager).get(reverse("dashboard")).text
    assert "Siobhán" not in page


def test_discharged_children_leave_the_dashboard(client_for, manager, child):
    child.discharge_date = child.admission_date
    child.discharge_destination = "Foster care"
    child.save()
    assert "Siobhán" not in client_for(manager).get(reverse("dashboard")).text


def test_assessor_sees_children_assigned_in_homes_they_do_not_belong_to(client_for, other_home):
    visiting = member(other_home, Membership.Role.ASSESSOR)
    elsewhere = ChildFactory(preferred_name="Kacper", assessor=visiting)
    page = client_for(visiting).get(reverse("dashboard")).text
    assert "Children you assess" in page
    assert "Kacper" in page
    assert elsewhere.home.name in page


def test_administrator_sees_every_home(client_for, administrator, home, other_home):
    page = client_for(administrator).get(reverse("dashboard")).text
    assert home.name in page and other_home.name in page


def test_a_person_with_no_role_is_told_what_to_do(client_for, django_user_model):
    from tests.factories import UserFactory

    page = client_for(UserFactory()).get(reverse("dashboard")).text
    assert "Ask your provider administrator" in page


def test_dashboard_refuses_post(client_for, manager):
    assert client_for(manager).post(reverse("dashboard")).status_code == 405


@pytest.mark.parametrize("persona", ["manager", "administrator", "assessor"])
def test_dashboard_query_count_does_not_grow_with_children(request, client_for, home, other_home, persona):
    person = request.getfixturevalue(persona)
    client = client_for(person)
    ChildFactory(home=home)
    few = count_queries(client, reverse("dashboard"))
    for _ in range(6):
        ChildFactory(home=home)
        ChildFactory(home=other_home)
    assert count_queries(client, reverse("dashboard")) == few


def test_home_page_lists_children_who_left(client_for, manager, child, home):
    child.discharge_date = child.admission_date
    child.discharge_destination = "Supported lodgings"
    child.save()
    page = client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert "Have left" in page and "Supported lodgings" in page


def test_home_page_persona_matrix(client_for, home, manager, staff, other_manager):
    url = reverse("home_detail", args=[home.pk])
    assert client_for(manager).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 200
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_home_page_query_count_does_not_grow(client_for, manager, home):
    client = client_for(manager)
    url = reverse("home_detail", args=[home.pk])
    ChildFactory(home=home)
    few = count_queries(client, url)
    for _ in range(5):
        ChildFactory(home=home)
    assert count_queries(client, url) == few


@pytest.mark.parametrize("url_name", ["supervision_compliance", "home_reviews", "evidence_list"])
def test_home_page_links_the_managers_pages_for_managers_only(client_for, home, manager, staff, url_name):
    link = reverse(url_name, args=[home.pk])
    assert link in client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert link not in client_for(staff).get(reverse("home_detail", args=[home.pk])).text
