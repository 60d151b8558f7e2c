"""Regulation 44 (issue 12, item 2): the independent visitor reaches only the homes they are
appointed to, reads the home's records only during a visit (never supervision content or
wellbeing notes, a case record only with the child's consent), and every read is logged."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homes.models import Membership
from safeguarding.models import Incident
from safeguarding.services.incidents import incident_add_child
from supervision.models import WellbeingCheckIn
from tests.factories import ChildFactory, UserFactory, member
from tests.safeguarding.incident_factories import allegation, make_incident, part_fields
from tests.shifts.factories import DailyLogFactory
from tests.supervision.factories import SECRET_NOTES, make_session, staff_member
from tests.utils import count_queries
from tests.visits.factories import past_visit, visitor_for
from visits import services
from visits.models import Visit, VisitChild

pytestmark = pytest.mark.django_db

RECORD_PAGES = [
    "visit_incidents",
    "visit_interventions",
    "visit_missing",
    "visit_complaints",
    "visit_consequences",
    "visit_daily_logs",
]


@pytest.fixture
def visitor(home):
    return visitor_for(home)


@pytest.fixture
def open_visit(home, visitor):
    return services.visit_open(visitor=visitor, home=home)


def reads_of(user, child) -> int:
    return LogEntry.objects.filter(actor=user, action=LogEntry.Action.ACCESS, object_id=child.pk).count()


def test_a_visitor_must_hold_no_role(home, manager):
    with pytest.raises(ValidationError, match="must be independent"):
        services.visitor_appoint(visitor=manager, home=home, starts_on=timezone.localdate())


def test_the_visitor_reaches_only_the_homes_they_are_appointed_to(client_for, home, other_home, visitor):
    client = client_for(visitor)
    assert client.get(reverse("visit_list")).status_code == 200
    assert client.post(reverse("visit_start", args=[other_home.pk])).status_code == 404
    assert client.get(reverse("home_detail", args=[home.pk])).status_code == 404
    response = client.post(reverse("visit_start", args=[home.pk]))
    visit = Visit.objects.get(visitor=visitor, home=home)
    assert response.url == reverse("visit_detail", args=[visit.pk])
    # An appointment that has ended reaches nothing, not even the visits made under it.
    visitor.visitor_appointments.update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert client.get(reverse("visit_detail", args=[visit.pk])).status_code == 404
    assert client.get(reverse("visit_list")).status_code == 404


def test_only_visitors_have_a_visits_page(client_for, manager):
    assert client_for(manager).get(reverse("visit_list")).status_code == 404


def test_records_are_read_only_in_the_window_and_each_read_is_logged(client_for, home, child, visitor, open_visit):
    make_incident(child)
    DailyLogFactory(child=child)
    client = client_for(visitor)
    page = client.get(reverse("visit_incidents", args=[open_visit.pk])).content.decode()
    assert "Threw a mug at the kitchen wall" in page
    assert reads_of(visitor, child) == 1
    services.visit_child_record(visit=open_visit, child=child, spoke_with=True, consent_to_records=True)
    page = client.get(reverse("visit_daily_logs", args=[open_visit.pk])).content.decode()
    assert "Can we do the puzzle again tomorrow?" in page
    assert reads_of(visitor, child) == 2
    for name in RECORD_PAGES:
        assert client.get(reverse(name, args=[open_visit.pk])).status_code == 200, name
    client.post(reverse("visit_close", args=[open_visit.pk]))
    for name in [*RECORD_PAGES, "visit_supervision"]:
        assert client.get(reverse(name, args=[open_visit.pk])).status_code == 404, name
    # Yesterday's visit, never closed, is closed all the same.
    yesterday = Visit.objects.create(
        home=home, visitor=visitor, visit_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(reverse("visit_incidents", args=[yesterday.pk])).status_code == 404


def test_an_allegation_against_staff_is_not_read_by_the_visitor(client_for, home, child, visitor, open_visit):
    accused = member(home)
    make_incident(child, categories=[allegation()], allegation_against=[accused], location="The allegation room")
    assert Incident.objects.count() == 1
    page = client_for(visitor).get(reverse("visit_incidents", args=[open_visit.pk])).content.decode()
    assert "The allegation room" not in page


def test_supervision_compliance_never_shows_content_or_wellbeing(client_for, home, manager, visitor, open_visit):
    worker = staff_member(home)
    make_session(home=home, supervisor=manager, attendees=[worker], signed=True)
    WellbeingCheckIn.objects.create(person=worker, home=home, score=2, private_note="I am not sleeping at all")
    response = client_for(visitor).get(reverse("visit_supervision", args=[open_visit.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "On time" in page
    assert SECRET_NOTES not in page
    assert "not sleeping" not in page


def test_a_case_record_only_with_the_childs_consent(client_for, home, child, visitor, open_visit):
    make_incident(child)
    client = client_for(visitor)
    response = client.post(reverse("visit_detail", args=[open_visit.pk]), {"child": child.pk, "spoke_with": "on"})
    assert response.status_code == 302
    row = VisitChild.objects.get(visit=open_visit, child=child)
    assert not row.consent_to_records
    assert client.get(reverse("visit_case_record", args=[row.pk])).status_code == 404
    client.post(
        reverse("visit_detail", args=[open_visit.pk]),
        {"child": child.pk, "spoke_with": "on", "consent_to_records": "on"},
    )
    before = reads_of(visitor, child)
    page = client.get(reverse("visit_case_record", args=[row.pk])).content.decode()
    assert "Threw a mug" in page
    assert reads_of(visitor, child) == before + 1
    # Another visitor, or the same one after the visit, reads nothing.
    other = visitor_for(home, full_name="Another Visitor")
    assert client_for(other).get(reverse("visit_case_record", args=[row.pk])).status_code == 404
    services.visit_close(visit=open_visit)
    assert client.get(reverse("visit_case_record", args=[row.pk])).status_code == 404


def test_the_visit_page_logs_a_read_of_each_child_it_names(client_for, home, child, visitor, open_visit):
    other = ChildFactory(home=home)
    assert client_for(visitor).get(reverse("visit_detail", args=[open_visit.pk])).status_code == 200
    assert reads_of(visitor, child) == 1 and reads_of(visitor, other) == 1


def test_daily_logs_only_of_the_children_who_agreed(client_for, home, child, visitor, open_visit):
    """Daily logs are case records: a child's show only once they agreed at this visit."""
    DailyLogFactory(child=child, child_words="Can we do the puzzle again tomorrow?")
    other = ChildFactory(home=home, preferred_name="Kai")
    DailyLogFactory(child=other, child_words="I want my own room back")
    client = client_for(visitor)
    url = reverse("visit_daily_logs", args=[open_visit.pk])
    page = client.get(url).content.decode()
    assert "puzzle" not in page and "own room" not in page
    assert reads_of(visitor, child) == reads_of(visitor, other) == 0
    services.visit_child_record(visit=open_visit, child=child, spoke_with=True, consent_to_records=False)
    services.visit_child_record(visit=open_visit, child=other, spoke_with=True, consent_to_records=True)
    page = client.get(url).content.decode()
    assert "own room" in page and "puzzle" not in page
    assert (reads_of(visitor, child), reads_of(visitor, other)) == (0, 1)


def test_the_children_met_are_fixed_once_the_report_is_signed(client_for, home, child, visitor, open_visit):
    services.visit_child_record(visit=open_visit, child=child, spoke_with=True, consent_to_records=False)
    services.visit_report_save(
        visit=open_visit, staff_spoken_with=[], looked_at="Logs", safeguarded="yes", wellbeing_promoted="yes"
    )
    services.visit_report_sign(report=open_visit.report, user=visitor)
    response = client_for(visitor).post(
        reverse("visit_detail", args=[open_visit.pk]),
        {"child": child.pk, "spoke_with": "on", "consent_to_records": "on"},
    )
    assert response.status_code == 200
    assert services.REPORT_SIGNED in response.content.decode()
    assert not VisitChild.objects.get(visit=open_visit, child=child).consent_to_records
    with pytest.raises(ValidationError, match="signed"):
        services.visit_child_record(
            visit=open_visit, child=ChildFactory(home=home), spoke_with=True, consent_to_records=True
        )


def test_the_case_record_logs_a_read_of_every_child_it_shows(client_for, home, child, visitor, open_visit):
    """An incident's row shows each child's part in it: the other children's too are read."""
    incident = make_incident(child)
    kai = ChildFactory(home=home, preferred_name="Kai")
    incident_add_child(incident=incident, child=kai, author=incident.author, **part_fields(what_happened="Kai hid"))
    row = services.visit_child_record(visit=open_visit, child=child, spoke_with=True, consent_to_records=True)
    page = client_for(visitor).get(reverse("visit_case_record", args=[row.pk])).content.decode()
    assert "Kai hid" in page
    assert (reads_of(visitor, child), reads_of(visitor, kai)) == (1, 1)


def test_only_children_living_at_the_home_can_be_recorded(home, other_home, open_visit):
    elsewhere = ChildFactory(home=other_home)
    with pytest.raises(ValidationError):
        services.visit_child_record(visit=open_visit, child=elsewhere, spoke_with=True, consent_to_records=True)


def test_other_people_find_no_visit(client_for, home, other_home, manager, staff, visitor, open_visit):
    row = VisitChild.objects.create(visit=open_visit, child=ChildFactory(home=home), consent_to_records=True)
    for person in [
        manager,
        staff,
        member(other_home, Membership.Role.MANAGER),
        visitor_for(other_home, full_name="Else"),
    ]:
        client = client_for(person)
        assert client.get(reverse("visit_detail", args=[open_visit.pk])).status_code == 404
        assert client.get(reverse("visit_incidents", args=[open_visit.pk])).status_code == 404
        assert client.get(reverse("visit_case_record", args=[row.pk])).status_code == 404
        assert client.post(reverse("visit_close", args=[open_visit.pk])).status_code == 404


def test_post_only_visit_views_refuse_get(client_for, home, visitor, open_visit):
    client = client_for(visitor)
    assert client.get(reverse("visit_start", args=[home.pk])).status_code == 405
    assert client.get(reverse("visit_close", args=[open_visit.pk])).status_code == 405


def test_a_closed_visit_cannot_be_reopened_the_same_day(home, visitor, open_visit):
    services.visit_close(visit=open_visit)
    with pytest.raises(ValidationError, match="closed"):
        services.visit_open(visitor=visitor, home=home)


def test_the_record_pages_cost_the_same_queries_however_many_rows(client_for, home, child, visitor, open_visit):
    client = client_for(visitor)
    make_incident(child)
    DailyLogFactory(child=child)
    services.visit_child_record(visit=open_visit, child=child, spoke_with=True, consent_to_records=True)
    one = {name: count_queries(client, reverse(name, args=[open_visit.pk])) for name in RECORD_PAGES}
    for _ in range(3):
        other = ChildFactory(home=home)
        make_incident(other)
        DailyLogFactory(child=other)
        services.visit_child_record(visit=open_visit, child=other, spoke_with=True, consent_to_records=True)
    assert {name: count_queries(client, reverse(name, args=[open_visit.pk])) for name in RECORD_PAGES} == one


def test_a_visitor_sees_their_visit_panel_on_the_dashboard(client_for, home, visitor):
    page = client_for(visitor).get(reverse("dashboard")).content.decode()
    assert "Start today&#x27;s visit" in page or "Start today's visit" in page
    assert past_visit(home, visitor).pk  # the list shows past visits too
    assert "Write the report" in client_for(visitor).get(reverse("visit_list")).content.decode()


def test_an_inspector_like_account_with_no_appointment_sees_no_visit(client_for):
    nobody = UserFactory()
    assert client_for(nobody).get(reverse("visit_list")).status_code == 404


def test_the_visitors_list_costs_the_same_queries_however_many_visits(client_for, home, visitor):
    from tests.visits.factories import signed_report

    client = client_for(visitor)
    past_visit(home, visitor, days_ago=40)
    one = count_queries(client, reverse("visit_list"))
    for days_ago in (3, 10, 20):
        signed_report(home, visitor, days_ago=days_ago)
    assert count_queries(client, reverse("visit_list")) == one
