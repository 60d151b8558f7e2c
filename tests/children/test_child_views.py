import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from children.models import Child
from children.models import child as child_models
from homes.models import Membership
from tests.factories import member
from tests.utils import count_queries, today


def admit_form(**overrides) -> dict:
    data = {
        "preferred_name": "Zoë",
        "legal_name": "Zoë Marie Clarke",
        "date_of_birth": "2013-05-04",
        "sex": Child.Sex.FEMALE,
        "legal_status": Child.LegalStatus.SECTION_20,
        "placing_authority": "Bradford Council",
        "admission_date": (today() - datetime.timedelta(days=1)).isoformat(),
    }
    data.update(overrides)
    return data


# --- the persona matrix, for every view -------------------------------------------------

# The child's page and its tabs of its own (issue 13); the plan and risk tabs redirect: test_child_page.py.
READ_VIEWS = ["child_detail", "child_details", "child_brain_map", "child_reviews"]
MANAGE_VIEWS = ["child_edit", "child_discharge"]


@pytest.mark.parametrize("view", READ_VIEWS + MANAGE_VIEWS + ["child_history"])
def test_member_of_the_home_gets_the_page(client_for, manager, child, view):
    response = client_for(manager).get(reverse(view, args=[child.pk]))
    assert response.status_code == 200
    assert "Siobhán" in response.text


@pytest.mark.parametrize(
    ("view", "method"),
    [(view, "get") for view in READ_VIEWS + MANAGE_VIEWS + ["child_history"]]
    + [(view, "post") for view in MANAGE_VIEWS],
)
def test_member_of_another_home_gets_404(client_for, other_manager, child, view, method):
    response = getattr(client_for(other_manager), method)(reverse(view, args=[child.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("view", MANAGE_VIEWS + ["child_history"])
def test_care_staff_get_403_on_managing_views(client_for, staff, child, view):
    assert client_for(staff).get(reverse(view, args=[child.pk])).status_code == 403


@pytest.mark.parametrize("view", MANAGE_VIEWS)
def test_care_staff_cannot_post_to_managing_views(client_for, staff, child, view):
    response = client_for(staff).post(reverse(view, args=[child.pk]), {"discharge_date": today()})
    assert response.status_code == 403
    child.refresh_from_db()
    assert child.discharge_date is None


@pytest.mark.parametrize("view", READ_VIEWS + ["child_history"])
def test_read_views_refuse_post(client_for, manager, child, view):
    assert client_for(manager).post(reverse(view, args=[child.pk])).status_code == 405


@pytest.mark.parametrize("view", MANAGE_VIEWS)
def test_form_views_refuse_other_methods(client_for, manager, child, view):
    assert client_for(manager).put(reverse(view, args=[child.pk])).status_code == 405


def test_anonymous_people_are_sent_to_log_in(client, child):
    response = client.get(reverse("child_detail", args=[child.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("view", ["child_detail", "child_details"])
def test_care_staff_read_the_profile_without_manager_actions(client_for, staff, child, view):
    response = client_for(staff).get(reverse(view, args=[child.pk]))
    assert response.status_code == 200
    assert reverse("child_edit", args=[child.pk]) not in response.text
    assert reverse("child_discharge", args=[child.pk]) not in response.text


def test_managers_edit_and_record_leaving_from_the_details(client_for, manager, child):
    page = client_for(manager).get(reverse("child_details", args=[child.pk])).text
    assert f'href="{reverse("child_edit", args=[child.pk])}">Edit details' in page
    assert f'href="{reverse("child_discharge", args=[child.pk])}">Record leaving' in page


def test_profile_shows_preferred_name_first(client_for, manager, child):
    """The page is headed by the name the child goes by; the legal name is in the details."""
    page = client_for(manager).get(reverse("child_detail", args=[child.pk])).text
    assert '<h1 class="h3 mb-1">Siobhán</h1>' in page
    assert "Siobhán Ní Bhriain" not in page
    details = client_for(manager).get(reverse("child_details", args=[child.pk])).text
    assert details.index('<h1 class="h3 mb-0">Siobhán\'s details</h1>') < details.index("Siobhán Ní Bhriain")


# --- admit ----------------------------------------------------------------------------------


def test_manager_admits_a_child(client_for, manager, home, staff):
    response = client_for(manager).post(reverse("child_admit", args=[home.pk]), admit_form(key_worker=staff.pk))
    child = Child.objects.get(legal_name="Zoë Marie Clarke")
    assert response.status_code == 302
    assert response.url == reverse("child_detail", args=[child.pk])
    assert child.home == home
    assert child.key_worker == staff


def test_admit_persona_matrix(client_for, home, manager, staff, other_manager, administrator):
    url = reverse("child_admit", args=[home.pk])
    assert client_for(manager).get(url).status_code == 200
    assert client_for(administrator).get(url).status_code == 200
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(other_manager).post(url, admit_form()).status_code == 404
    assert client_for(staff).get(url).status_code == 403
    assert client_for(staff).post(url, admit_form()).status_code == 403
    assert client_for(manager).delete(url).status_code == 405
    assert not Child.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_of_birth": "in 3 days"}, child_models.DOB_AFTER_ADMISSION),
        ({"date_of_birth": "1990-01-01"}, child_models.DOB_TOO_OLD),
        ({"admission_date": "in 3 days"}, child_models.ADMISSION_IN_FUTURE),
    ],
)
def test_admit_refuses_bad_dates_with_a_clear_message(client_for, manager, home, overrides, message):
    in_3_days = (today() + datetime.timedelta(days=3)).isoformat()  # worked out when the test runs
    overrides = {field: in_3_days if value == "in 3 days" else value for field, value in overrides.items()}
    response = client_for(manager).post(reverse("child_admit", args=[home.pk]), admit_form(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert not Child.objects.exists()


def test_a_full_home_refuses_another_admission(client_for, manager, home):
    from tests.factories import ChildFactory

    home.capacity = 2
    home.save()
    ChildFactory.create_batch(2, home=home)
    response = client_for(manager).post(reverse("child_admit", args=[home.pk]), admit_form())
    assert response.status_code == 200
    assert child_models.HOME_FULL.format(home=home.name, capacity=2) in response.text
    assert response.text.count("already live there") == 1
    assert Child.objects.count() == 2


def test_admit_keeps_what_was_typed_when_refused(client_for, manager, home):
    response = client_for(manager).post(
        reverse("child_admit", args=[home.pk]), admit_form(date_of_birth="1990-01-01", religion="Quaker")
    )
    assert 'value="Quaker"' in response.text
    assert 'value="Zoë"' in response.text


def test_key_worker_choices_are_the_homes_staff(client_for, manager, home, staff, other_home):
    from tests.factories import member

    outsider = member(other_home, full_name="Not From Here")
    page = client_for(manager).get(reverse("child_admit", args=[home.pk])).text
    assert staff.full_name in page
    assert outsider.full_name not in page


# --- edit and discharge -------------------------------------------------------------------


def test_manager_corrects_details(client_for, manager, child):
    data = admit_form(preferred_name="Shiv", legal_name=child.legal_name, key_worker=child.key_worker_id, revision=1)
    response = client_for(manager).post(reverse("child_edit", args=[child.pk]), data)
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.preferred_name == "Shiv"


def test_manager_records_a_discharge(client_for, manager, child):
    response = client_for(manager).post(
        reverse("child_discharge", args=[child.pk]),
        {"discharge_date": today().isoformat(), "discharge_destination": "Returned home to her mum"},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.discharge_date == today()
    assert not child.in_placement


def test_discharge_before_admission_is_refused_on_the_page(client_for, manager, child):
    response = client_for(manager).post(
        reverse("child_discharge", args=[child.pk]),
        {
            "discharge_date": (child.admission_date - datetime.timedelta(days=1)).isoformat(),
            "discharge_destination": "Foster care",
        },
    )
    assert response.status_code == 200
    assert child_models.DISCHARGE_BEFORE_ADMISSION in response.text
    child.refresh_from_db()
    assert child.discharge_date is None


def test_discharge_needs_date_and_destination(client_for, manager, child):
    response = client_for(manager).post(reverse("child_discharge", args=[child.pk]), {})
    assert response.status_code == 200
    assert f"Enter the date {child.preferred_name} left" in response.text
    assert f"Enter where {child.preferred_name} went" in response.text


def test_discharging_twice_explains_instead_of_failing(client_for, manager, child):
    child.discharge_date = today()
    child.discharge_destination = "Foster care"
    child.save()
    response = client_for(manager).get(reverse("child_discharge", args=[child.pk]), follow=True)
    assert "has already left" in response.text


# --- history -----------------------------------------------------------------------------


def test_changes_are_logged_with_who_and_old_and_new_values(client_for, manager, child):
    data = admit_form(preferred_name="Shiv", legal_name=child.legal_name, key_worker=child.key_worker_id, revision=1)
    client_for(manager).post(reverse("child_edit", args=[child.pk]), data)
    entry = LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == manager
    assert entry.changes_dict["preferred_name"] == ["Siobhán", "Shiv"]
    page = client_for(manager).get(reverse("child_history", args=[child.pk])).text
    assert "Siobhán" in page and "Shiv" in page and manager.full_name in page


def test_every_read_of_the_record_is_logged(client_for, staff, manager, child):
    client_for(staff).get(reverse("child_detail", args=[child.pk]))
    reads = LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.ACCESS)
    assert [entry.actor for entry in reads] == [staff]
    page = client_for(manager).get(reverse("child_history", args=[child.pk])).text
    assert staff.full_name in page


def test_a_refused_read_is_not_logged_as_a_read(client_for, other_manager, child):
    client_for(other_manager).get(reverse("child_detail", args=[child.pk]))
    assert not LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.ACCESS).exists()


def test_the_history_names_key_workers_without_a_query_per_change(client_for, manager, child, staff):
    """People in changed fields are looked up once per page, not once per value."""
    client = client_for(manager)
    url = reverse("child_history", args=[child.pk])
    others = [member(child.home, Membership.Role.CARE_STAFF) for _ in range(4)]

    def change_key_worker(to):
        child.key_worker = to
        child.save()

    change_key_worker(others[0])
    few = count_queries(client, url)
    for person in [*others[1:], staff]:
        change_key_worker(person)
    assert count_queries(client, url) == few
    assert others[2].full_name in client.get(url).text
