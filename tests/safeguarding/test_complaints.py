"""Complaints and representations (Regulation 39): recorded by anyone working in the home, seen
by the home's managers and the responsible individual (administrators), never by a member of
staff they are about; handled to an outcome with the person's satisfaction, inside a timescale."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.extensions import tasks_for
from homes.models import Membership
from safeguarding.models import Complaint
from safeguarding.models.complaints import (
    CHILD_COMPLAINANT_NEEDS_CHILD,
    CLOSING_NEEDS_OUTCOME,
    CLOSING_NEEDS_SATISFIED,
    NAME_THE_COMPLAINANT,
    STAFF_NOT_IN_HOME,
)
from safeguarding.services.complaints import complaint_handle, complaint_record
from tests.factories import ChildFactory, member
from tests.safeguarding.notices_factories import ComplaintFactory
from tests.utils import count_queries


def form_data(child=None, **overrides) -> dict:
    data = {
        "kind": Complaint.Kind.COMPLAINT,
        "received_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "complainant": Complaint.Complainant.PARENT,
        "complainant_name": "Dawn Price",
        "child": child.pk if child else "",
        "in_their_words": "Nobody rang me back about the school trip.",
        "advocate": "",
        "about_staff": "",
        "respond_by": "",
    }
    data.update(overrides)
    return data


def record(home, by, **fields):
    values = {
        "kind": Complaint.Kind.COMPLAINT,
        "received_at": timezone.now() - datetime.timedelta(hours=1),
        "complainant": Complaint.Complainant.NEIGHBOUR,
        "complainant_name": "Mr Hill at number 12",
        "in_their_words": "Music too loud after eleven.",
    }
    values.update(fields)
    return complaint_record(home=home, recorded_by=by, **values)


# --- rules -------------------------------------------------------------------------------------


def test_the_response_date_defaults_to_28_days_after_it_was_made(home, staff):
    made = timezone.now() - datetime.timedelta(hours=1)
    complaint = record(home, staff, received_at=made)
    assert complaint.respond_by == timezone.localdate(made) + datetime.timedelta(days=28)
    assert complaint.status == Complaint.Status.OPEN


def test_a_childs_complaint_names_the_child_and_others_name_themselves(home, staff, child):
    with pytest.raises(ValidationError) as refused:
        record(home, staff, complainant=Complaint.Complainant.CHILD, complainant_name="")
    assert refused.value.message_dict["child"] == [CHILD_COMPLAINANT_NEEDS_CHILD]
    with pytest.raises(ValidationError) as refused:
        record(home, staff, complainant_name="")
    assert refused.value.message_dict["complainant_name"] == [NAME_THE_COMPLAINANT]
    complaint = record(home, staff, complainant=Complaint.Complainant.CHILD, complainant_name="", child=child)
    assert complaint.who == child.preferred_name


def test_the_member_of_staff_must_work_in_the_home(home, staff, other_manager):
    with pytest.raises(ValidationError) as refused:
        record(home, staff, about_staff=other_manager)
    assert refused.value.message_dict["about_staff"] == [STAFF_NOT_IN_HOME]


def test_closing_needs_the_outcome_and_whether_they_were_satisfied(home, staff, manager):
    complaint = record(home, staff)
    with pytest.raises(ValidationError) as refused:
        complaint_handle(complaint=complaint, user=manager, revision=complaint.revision, status="closed")
    assert refused.value.message_dict["outcome"] == [CLOSING_NEEDS_OUTCOME]
    assert refused.value.message_dict["satisfied"] == [CLOSING_NEEDS_SATISFIED]
    complaint = Complaint.objects.get(pk=complaint.pk)
    complaint_handle(
        complaint=complaint,
        user=manager,
        revision=complaint.revision,
        action_taken="Visited Mr Hill; agreed quiet time from ten.",
        outcome="Music off by ten on school nights.",
        satisfied=Complaint.Satisfied.YES,
        status="closed",
    )
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.closed_at is not None


def test_an_open_complaint_past_its_date_is_overdue(home, staff):
    complaint = record(home, staff, respond_by=timezone.localdate())
    assert not complaint.is_overdue(timezone.localdate())
    assert complaint.is_overdue(timezone.localdate() + datetime.timedelta(days=1))


# --- visibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["manager", "deputy", "administrator"])
def test_managers_and_the_responsible_individual_see_a_childs_complaint(request, client_for, child, person):
    complaint = ComplaintFactory(child=child)
    client = client_for(request.getfixturevalue(person))
    assert "Nobody listens" in client.get(reverse("complaint_detail", args=[complaint.pk])).text
    assert client.get(reverse("complaint_list", args=[child.home_id])).status_code == 200


@pytest.mark.parametrize("person", ["assessor", "clinical_lead"])
def test_others_do_not(request, client_for, child, person):
    complaint = ComplaintFactory(child=child)
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("complaint_detail", args=[complaint.pk])).status_code == 404


def test_care_staff_see_only_what_they_wrote_down(client_for, child, staff, home):
    theirs = ComplaintFactory(child=child, recorded_by=staff)
    colleague = member(home)
    other = ComplaintFactory(child=child, recorded_by=colleague)
    client = client_for(staff)
    assert client.get(reverse("complaint_detail", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("complaint_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("complaint_list", args=[home.pk])).status_code == 403


def test_a_complaint_about_a_member_of_staff_is_never_visible_to_them(client_for, child, home, manager, deputy):
    about_the_deputy = ComplaintFactory(child=child, about_staff=deputy, recorded_by=deputy)
    client = client_for(deputy)
    assert client.get(reverse("complaint_detail", args=[about_the_deputy.pk])).status_code == 404
    assert client.get(reverse("complaint_handle", args=[about_the_deputy.pk])).status_code == 404
    register = client.get(reverse("complaint_list", args=[home.pk]))
    assert reverse("complaint_detail", args=[about_the_deputy.pk]) not in register.text
    assert not access.complaints_for(deputy, Complaint.objects.all()).exists()
    assert client_for(manager).get(reverse("complaint_detail", args=[about_the_deputy.pk])).status_code == 200
    later = timezone.localdate() + datetime.timedelta(days=40)
    assert not [t for t in tasks_for(deputy, later) if t.kind == "Respond to a complaint"]
    assert [t for t in tasks_for(manager, later) if t.kind == "Respond to a complaint"]


def test_nor_in_the_childs_chronology_or_month(child, deputy):
    from children.extensions import chronology_sources, month_sections

    ComplaintFactory(child=child, about_staff=deputy)
    ComplaintFactory(child=child, in_their_words="I want a later bedtime at weekends")
    entries = list(chronology_sources["complaint"].entries(child, None, None))
    assert len(entries) == 1
    assert entries[0].title == f"Complaint made by {child.preferred_name}"
    assert "bedtime" not in entries[0].detail  # the words stay in the register
    data = month_sections["complaints"].context(child, timezone.localdate().replace(day=1))
    assert data is None or len(data["items"]) <= 1


# --- views -------------------------------------------------------------------------------------


def test_care_staff_write_one_down_from_the_childs_page(client_for, child, staff):
    url = reverse("complaint_add_for_child", args=[child.pk])
    page = client_for(staff).get(url)
    assert page.status_code == 200
    response = client_for(staff).post(
        url, form_data(child, complainant=Complaint.Complainant.CHILD, complainant_name="", advocate="Coram Voice")
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert (complaint.child, complaint.recorded_by, complaint.advocate) == (child, staff, "Coram Voice")


def test_a_manager_handles_it_to_an_outcome(client_for, child, manager):
    complaint = ComplaintFactory(child=child)
    data = {
        "revision": complaint.revision,
        "action_taken": "Arranged a call with her nan on Sunday.",
        "outcome": "Weekly calls agreed with the social worker.",
        "satisfied": "yes",
        "respond_by": complaint.respond_by.isoformat(),
        "status": "closed",
    }
    response = client_for(manager).post(reverse("complaint_handle", args=[complaint.pk]), data)
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.revised_by == manager


def test_two_managers_handling_at_once_do_not_overwrite_each_other(client_for, child, manager, deputy):
    complaint = ComplaintFactory(child=child)
    url = reverse("complaint_handle", args=[complaint.pk])
    base = {"revision": complaint.revision, "respond_by": complaint.respond_by.isoformat(), "status": "open"}
    assert client_for(manager).post(url, {**base, "action_taken": "Rang nan"}).status_code == 302
    second = client_for(deputy).post(url, {**base, "action_taken": "Emailed the social worker"})
    assert second.status_code == 200 and "What changed while you were editing" in second.text
    complaint.refresh_from_db()
    assert complaint.action_taken == "Rang nan"


def test_another_homes_member_gets_404(client_for, child, other_manager):
    complaint = ComplaintFactory(child=child)
    client = client_for(other_manager)
    for url in (
        reverse("complaint_list", args=[child.home_id]),
        reverse("complaint_add", args=[child.home_id]),
        reverse("complaint_add_for_child", args=[child.pk]),
        reverse("complaint_detail", args=[complaint.pk]),
        reverse("complaint_handle", args=[complaint.pk]),
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("person", ["assessor", "clinical_lead"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, person):
    client = client_for(request.getfixturevalue(person))
    assert client.post(reverse("complaint_add", args=[child.home_id]), form_data()).status_code == 403
    assert Complaint.objects.count() == 0


def test_care_staff_cannot_handle_a_complaint_they_wrote_down(client_for, child, staff):
    complaint = ComplaintFactory(child=child, recorded_by=staff)
    assert client_for(staff).post(reverse("complaint_handle", args=[complaint.pk]), {}).status_code == 403


def test_the_register_runs_a_constant_number_of_queries(client_for, home, manager):
    child = ChildFactory(home=home)
    ComplaintFactory(child=child)
    client = client_for(manager)
    url = reverse("complaint_list", args=[home.pk])
    one = count_queries(client, url)
    for _ in range(4):
        ComplaintFactory(child=ChildFactory(home=home))
    assert count_queries(client, url) == one


def test_responses_falling_due_are_the_managers_tasks(child, manager, staff):
    complaint = ComplaintFactory(child=child, respond_by=timezone.localdate() + datetime.timedelta(days=3))
    tasks = [t for t in tasks_for(manager, timezone.localdate()) if t.kind == "Respond to a complaint"]
    assert [t.url for t in tasks] == [reverse("complaint_detail", args=[complaint.pk])]
    assert tasks[0].about == child.preferred_name
    assert not [t for t in tasks_for(staff, timezone.localdate()) if t.kind == "Respond to a complaint"]


def test_a_deputy_is_a_manager_here(home, deputy):
    assert access.can_handle_complaint(deputy, home)
    assert not access.can_handle_complaint(member(home, Membership.Role.CARE_STAFF), home)


def test_the_responsible_individual_reads_every_complaint_but_leaves_handling_to_the_home(client_for, child):
    from homes.models import User
    from tests.factories import UserFactory

    ri = UserFactory(provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    complaint = ComplaintFactory(child=child)
    client = client_for(ri)
    assert "Nobody listens" in client.get(reverse("complaint_detail", args=[complaint.pk])).text
    assert client.get(reverse("complaint_list", args=[child.home_id])).status_code == 200
    assert client.post(reverse("complaint_handle", args=[complaint.pk]), {}).status_code == 403
