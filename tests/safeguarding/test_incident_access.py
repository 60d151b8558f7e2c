"""Who reads and writes incidents (issue 10, item 10), over HTTP: the persona matrix, each child
seeing only their own part, and allegations against staff kept from the person they are about."""

import pytest
from django.urls import reverse

from homes.models import Membership, User
from safeguarding.models import Incident
from safeguarding.services import incidents as services
from tests.factories import ChildFactory, UserFactory, member
from tests.safeguarding.incident_factories import allegation, make_incident, part_fields, physical_intervention
from tests.utils import count_queries


@pytest.fixture
def incident(child, staff):
    return make_incident(child, author=staff)


def test_the_homes_members_read_the_incident(client_for, incident, manager, staff, deputy, assessor):
    for person in (manager, staff, deputy, assessor):
        response = client_for(person).get(reverse("incident_detail", args=[incident.pk]))
        assert response.status_code == 200
        assert "Threw a mug at the kitchen wall" in response.text


def test_provider_roles_read_it(client_for, incident, administrator, clinical_lead):
    for person in (administrator, clinical_lead):
        assert client_for(person).get(reverse("incident_detail", args=[incident.pk])).status_code == 200


def test_another_homes_people_get_404(client_for, incident, other_manager):
    for name, args in [
        ("incident_detail", [incident.pk]),
        ("incident_part_detail", [incident.parts.get().pk]),
        ("incident_countersign", [incident.pk]),
        ("intervention_record", [incident.pk]),
        ("incident_list", [incident.home_id]),
    ]:
        assert client_for(other_manager).get(reverse(name, args=args)).status_code == 404


def test_assessors_read_but_do_not_record_or_countersign(client_for, child, incident, assessor):
    client = client_for(assessor)
    assert client.get(reverse("incident_record", args=[child.pk])).status_code == 403
    assert client.post(reverse("incident_record", args=[child.pk]), {}).status_code == 403
    assert client.get(reverse("incident_countersign", args=[incident.pk])).status_code == 403
    assert client.get(reverse("intervention_record", args=[incident.pk])).status_code == 403


def test_care_staff_record_but_do_not_countersign(client_for, child, incident, staff, deputy):
    other_staff = member(child.home)
    assert client_for(other_staff).get(reverse("incident_record", args=[child.pk])).status_code == 200
    assert client_for(other_staff).get(reverse("incident_countersign", args=[incident.pk])).status_code == 403
    assert client_for(deputy).get(reverse("incident_countersign", args=[incident.pk])).status_code == 200


def test_post_only_views_refuse_get(client_for, incident, manager):
    url = reverse("incident_part_risk_revision", args=[incident.parts.get().pk])
    assert client_for(manager).get(url).status_code == 405


def test_an_assigned_assessor_reads_only_their_childs_part(client_for, child, staff, home):
    kai = ChildFactory(home=home, preferred_name="Kai")
    assessor = UserFactory()  # assigned to Kai only, with no role in the home
    kai.assessor = assessor
    kai.save()
    incident = make_incident(child, author=staff)
    kai_part = services.incident_add_child(
        incident=incident, child=kai, author=staff, **part_fields(what_happened="Kai hid under the table.")
    )
    client = client_for(assessor)
    assert client.get(reverse("incident_detail", args=[incident.pk])).status_code == 404
    assert client.get(reverse("incident_part_detail", args=[incident.parts.get(child=child).pk])).status_code == 404
    page = client.get(reverse("incident_part_detail", args=[kai_part.pk]))
    assert page.status_code == 200
    assert "Kai hid under the table." in page.text
    assert "Threw a mug" not in page.text and child.preferred_name not in page.text


def test_a_childs_part_never_shows_another_childs_name_or_account(client_for, child, staff, home, manager):
    kai = ChildFactory(home=home, preferred_name="Kai")
    incident = make_incident(child, author=staff)
    services.incident_add_child(incident=incident, child=kai, author=staff, **part_fields(what_happened="Kai's words"))
    mine = client_for(manager).get(reverse("incident_part_detail", args=[incident.parts.get(child=child).pk]))
    assert "Kai" not in mine.text
    tab = client_for(manager).get(reverse("child_incidents", args=[child.pk]))
    assert tab.status_code == 200 and "Kai" not in tab.text
    whole = client_for(manager).get(reverse("incident_detail", args=[incident.pk]))
    assert "Kai&#x27;s words" in whole.text or "Kai's words" in whole.text


def test_an_allegation_is_visible_only_to_managers_and_administrators_never_its_subject(
    client_for, child, home, manager, staff, assessor, administrator, clinical_lead
):
    deputy = member(home, Membership.Role.DEPUTY_MANAGER)
    incident = make_incident(child, author=manager, categories=[allegation()], allegation_against=[deputy])
    part = incident.parts.get()
    for person, status in [
        (manager, 200),
        (administrator, 200),
        (deputy, 404),  # a manager, but the allegation is about them
        (staff, 404),
        (assessor, 404),
        (clinical_lead, 404),
    ]:
        client = client_for(person)
        assert client.get(reverse("incident_detail", args=[incident.pk])).status_code == status, person
        assert client.get(reverse("incident_part_detail", args=[part.pk])).status_code == status, person
    for person in (deputy, staff):
        assert "Allegation" not in client_for(person).get(reverse("child_incidents", args=[child.pk])).text
        assert "Allegation" not in client_for(person).get(reverse("incident_list", args=[home.pk])).text


def test_the_responsible_individual_reads_allegations(client_for, child, manager, staff):
    ri = UserFactory(provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    incident = make_incident(child, author=manager, categories=[allegation()], allegation_against=[staff])
    assert client_for(ri).get(reverse("incident_detail", args=[incident.pk])).status_code == 200


def test_an_administrator_an_allegation_is_about_does_not_see_it(client_for, child, manager):
    admin_in_home = member(child.home, Membership.Role.CARE_STAFF, provider_role=User.ProviderRole.ADMINISTRATOR)
    incident = make_incident(child, author=manager, categories=[allegation()], allegation_against=[admin_in_home])
    assert client_for(admin_in_home).get(reverse("incident_detail", args=[incident.pk])).status_code == 404


def test_the_homes_list_runs_the_same_queries_however_many_incidents(client_for, child, staff, manager, home):
    make_incident(child, author=staff)
    url = reverse("incident_list", args=[home.pk])
    one = count_queries(client_for(manager), url)
    for _ in range(4):
        incident = make_incident(child, author=staff, categories=[physical_intervention()])
        services.incident_add_child(incident=incident, child=ChildFactory(home=home), author=staff, **part_fields())
    assert count_queries(client_for(manager), url) == one
    assert Incident.objects.count() == 5


def test_the_childs_tab_runs_the_same_queries_however_many_incidents(client_for, child, staff, manager):
    make_incident(child, author=staff)
    url = reverse("child_incidents", args=[child.pk])
    one = count_queries(client_for(manager), url)
    for _ in range(4):
        make_incident(child, author=staff)
    assert count_queries(client_for(manager), url) == one
