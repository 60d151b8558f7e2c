"""The retention pages (issue 15, item 6): administrators only (others 404), a disposal's page for
the record's registered manager too; every hold, date and confirmation through its service."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from children.models import Child
from homes.models import Membership
from records.models import Disposal, LegalHold, StaffDeparture, SubjectKind, Tombstone
from records.retention import add_years
from records.retention_forms import ConfirmDisposalForm
from tests.factories import ChildFactory, member


@pytest.fixture
def old(home):
    born = datetime.date(1940, 1, 1)
    return ChildFactory(
        home=home,
        date_of_birth=born,
        admission_date=add_years(born, 12),
        discharge_date=add_years(born, 17),
        discharge_destination="Supported lodgings",
    )


@pytest.fixture
def disposal(old):
    return Disposal.objects.create(kind=SubjectKind.CHILD, child=old, retain_until=datetime.date(2015, 1, 1))


def test_the_schedule_is_for_administrators_only(client_for, administrator, manager, clinical_lead, disposal):
    assert client_for(manager).get(reverse("retention_list")).status_code == 404
    assert client_for(clinical_lead).get(reverse("retention_list")).status_code == 404
    page = client_for(administrator).get(reverse("retention_list"))
    assert page.status_code == 200
    assert disposal.child.preferred_name in page.content.decode()


def test_the_schedule_takes_the_same_queries_however_many_records(client_for, administrator, home, old):
    client = client_for(administrator)
    client.get(reverse("retention_list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("retention_list"))
    for n in range(3):
        child = ChildFactory(home=home)
        Disposal.objects.create(kind=SubjectKind.CHILD, child=child, retain_until=datetime.date(2015, 1, 1))
        LegalHold.objects.create(kind=SubjectKind.CHILD, child=child, reason=f"r{n}", placed_by=administrator)
        member(home)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("retention_list"))
    assert len(many) == len(few)


def test_a_childs_retention_page_logs_the_read_and_says_the_date(client_for, administrator, manager, old):
    url = reverse("retention_child", args=[old.pk])
    assert client_for(manager).get(url).status_code == 404
    page = client_for(administrator).get(url)
    assert "1 January 2015" in page.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=old.pk, actor=administrator).exists()


def test_placing_and_lifting_a_hold(client_for, administrator, manager, old):
    client = client_for(administrator)
    url = reverse("retention_child_hold", args=[old.pk])
    assert client.get(url).status_code == 405
    assert client_for(manager).post(url, {"reason": "x"}).status_code == 404
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Say why the record must be kept" in empty.content.decode()
    response = client.post(url, {"reason": "Inquiry ref 7"})
    assert response.status_code == 302
    hold = LegalHold.objects.get(child=old)
    assert hold.placed_by == administrator and hold.is_active
    lift = reverse("retention_hold_lift", args=[hold.pk])
    assert client_for(manager).post(lift, {"lifted_reason": "done"}).status_code == 404
    assert client.post(lift, {"lifted_reason": "Inquiry reported"}).status_code == 302
    hold.refresh_from_db()
    assert not hold.is_active and hold.lifted_by == administrator


def test_recording_a_date_of_death(client_for, administrator, old):
    url = reverse("retention_child_death", args=[old.pk])
    future = client_for(administrator).post(url, {"date_of_death": "2099-01-01"})
    assert future.status_code == 200 and "in the future" in future.content.decode()
    assert client_for(administrator).post(url, {"date_of_death": "1954-03-01"}).status_code == 302
    assert Child.objects.get(pk=old.pk).date_of_death == datetime.date(1954, 3, 1)


def test_recording_a_leaving_date(client_for, administrator, home, manager):
    person = member(home)
    url = reverse("retention_staff_departure", args=[person.pk])
    assert client_for(manager).post(url, {"left_on": "2020-01-01"}).status_code == 404
    assert client_for(administrator).post(url, {"left_on": "2020-01-01"}).status_code == 302
    assert StaffDeparture.objects.get(person=person).left_on == datetime.date(2020, 1, 1)
    page = client_for(administrator).get(reverse("retention_staff", args=[person.pk]))
    assert "1 January 2026" in page.content.decode()


def test_a_disposal_page_for_the_homes_manager_and_administrators(
    client_for, administrator, manager, deputy, other_manager, disposal
):
    url = reverse("disposal_detail", args=[disposal.pk])
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(deputy).get(url).status_code == 404
    assert client_for(manager).get(url).status_code == 200
    unticked = client_for(manager).post(url, {})
    assert unticked.status_code == 200
    assert ConfirmDisposalForm.base_fields["checked"].error_messages["required"] in unticked.content.decode()
    assert client_for(manager).post(url, {"checked": "on"}).status_code == 302
    disposal.refresh_from_db()
    assert disposal.manager_confirmed_by == manager and disposal.status == Disposal.Status.DUE
    assert client_for(administrator).post(url, {"checked": "on"}).status_code == 302
    assert Tombstone.objects.get().administrator == administrator
    assert not Child.objects.filter(pk=disposal.child_id).exists()


def test_the_managers_task_list_has_the_confirmation(manager, administrator, disposal):
    from homes.extensions import tasks_for

    (task,) = [task for task in tasks_for(manager, datetime.date(2026, 12, 2)) if task.kind.startswith("Confirm")]
    assert task.url == reverse("disposal_detail", args=[disposal.pk])
    assert task.about == disposal.child.preferred_name
    assert any(task.kind.startswith("Confirm") for task in tasks_for(administrator, datetime.date(2026, 12, 2)))


def test_care_staff_of_the_home_cannot_reach_retention(client_for, staff, old, disposal):
    client = client_for(staff)
    assert client.get(reverse("retention_child", args=[old.pk])).status_code == 404
    assert client.get(reverse("disposal_detail", args=[disposal.pk])).status_code == 404
    assert Membership.objects.filter(user=staff).exists()
