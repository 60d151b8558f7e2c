"""The child's health record: registrations, allergies shown wherever the child appears, health
assessments due on the dashboard, appointments with outcomes, delegated authority."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from health.models import Appointment, Condition, DelegatedAuthority, HealthAssessment, Registration
from health.models.record import IN_FUTURE, OUTCOME_BEFORE_APPOINTMENT
from health.services.record import OUTCOME_NEEDED
from tests.health.factories import (
    AppointmentFactory,
    ConditionFactory,
    DelegatedAuthorityFactory,
    HealthAssessmentFactory,
)
from tests.utils import count_queries, today


def test_the_record_shows_every_part(client_for, staff, child):
    ConditionFactory(child=child, name="Peanuts")
    ConditionFactory(child=child, kind=Condition.Kind.CONDITION, name="Asthma", severity="")
    AppointmentFactory(child=child, reason="Braces fitting")
    DelegatedAuthorityFactory(child=child)
    page = client_for(staff).get(reverse("health_record", args=[child.pk])).text
    assert "Allergy: Peanuts (severe (anaphylaxis risk))" in page
    assert "Asthma" in page and "Braces fitting" in page
    assert "Haircuts and hair colouring" in page and "may consent" in page
    assert "Not yet registered with a GP" in page


def test_allergies_show_under_the_childs_name_and_on_the_before_shift_sheet(client_for, staff, home, child):
    ConditionFactory(child=child, name="Penicillin")
    ConditionFactory(child=child, name="Latex", resolved=True)
    ConditionFactory(child=child, kind=Condition.Kind.CONDITION, name="Eczema")
    client = client_for(staff)
    for url in (reverse("child_detail", args=[child.pk]), reverse("before_shift", args=[home.pk])):
        page = client.get(url).text
        assert "Allergies: Penicillin (severe (anaphylaxis risk))" in page, url
        assert "Latex" not in page and "Eczema" not in page, url


def test_the_before_shift_sheet_reads_allergies_in_one_query_however_many_children(client_for, staff, home, child):
    from tests.factories import ChildFactory

    ConditionFactory(child=child)
    sheet = reverse("before_shift", args=[home.pk])
    one = count_queries(client_for(staff), sheet)
    for _ in range(3):
        ConditionFactory(child=ChildFactory(home=home))
    assert count_queries(client_for(staff), sheet) == one


def test_care_staff_add_an_allergy_and_it_is_audited(client_for, staff, child):
    response = client_for(staff).post(
        reverse("health_condition_add", args=[child.pk]),
        {"kind": "allergy", "name": "Ibuprofen", "severity": "moderate", "reaction_and_response": "Rash"},
    )
    assert response.status_code == 302
    allergy = Condition.objects.get(child=child)
    assert allergy.recorded_by == staff and allergy.name == "Ibuprofen"
    assert LogEntry.objects.get_for_object(allergy).filter(action=LogEntry.Action.CREATE).count() == 1


def test_an_allergy_no_longer_current_leaves_the_summary_but_stays(client_for, staff, child):
    allergy = ConditionFactory(child=child)
    client = client_for(staff)
    assert client.post(reverse("health_condition_resolve", args=[allergy.pk])).status_code == 302
    allergy.refresh_from_db()
    assert allergy.resolved
    assert "Allergies:" not in client.get(reverse("child_detail", args=[child.pk])).text


def test_a_registration_with_its_contact_details(client_for, staff, child):
    response = client_for(staff).post(
        reverse("health_registration_add", args=[child.pk]),
        {"kind": "dentist", "practice": "Smile Dental", "phone": "0161 000 1111", "registered_on": "2025-01-10"},
    )
    assert response.status_code == 302
    assert Registration.objects.get(child=child).get_kind_display() == "Dentist"


def test_dates_in_the_future_are_refused(client_for, staff, child):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(
        reverse("health_immunisation_add", args=[child.pk]), {"vaccine": "MMR", "given_on": tomorrow}
    )
    assert response.status_code == 200
    assert IN_FUTURE in response.text


def test_a_health_assessment_done_puts_the_next_review_in_the_diary(client_for, manager, child):
    assessment = HealthAssessmentFactory(child=child, kind=HealthAssessment.Kind.INITIAL)
    done_on = today() - datetime.timedelta(days=1)
    response = client_for(manager).post(
        reverse("health_assessment_done", args=[assessment.pk]),
        {"done_on": done_on.isoformat(), "done_by": "Dr Okafor, LAC nurse", "outcome": "Healthy; dental check due"},
    )
    assert response.status_code == 302
    following = HealthAssessment.objects.get(child=child, done_on__isnull=True)
    # The child is twelve: the next review is a year later.
    assert following.kind == HealthAssessment.Kind.REVIEW
    assert following.due_on.year == done_on.year + 1 and following.due_on.month == done_on.month


def test_under_fives_are_reviewed_every_six_months(child):
    child.date_of_birth = datetime.date(2024, 1, 1)
    assert HealthAssessment.next_review_due(child, datetime.date(2026, 3, 15)) == datetime.date(2026, 9, 15)


def test_assessments_due_show_on_the_managers_dashboard(client_for, manager, staff, child):
    HealthAssessmentFactory(child=child, due_on=today() - datetime.timedelta(days=3))
    HealthAssessmentFactory(child=child, due_on=today() + datetime.timedelta(days=90), kind="initial")
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Health assessments due" in page and "overdue since" in page
    assert "Initial health assessment" not in page
    assert "Health assessments due" not in client_for(staff).get(reverse("dashboard")).text


def test_an_appointment_outcome_needs_saying_and_cannot_be_before_it(client_for, staff, child):
    future = AppointmentFactory(child=child)
    client = client_for(staff)
    url = reverse("health_appointment_outcome", args=[future.pk])
    assert OUTCOME_BEFORE_APPOINTMENT in client.post(url, {"status": "attended", "outcome": "Fine", "revision": 1}).text
    past = AppointmentFactory(child=child, starts_at=future.starts_at - datetime.timedelta(days=3))
    url = reverse("health_appointment_outcome", args=[past.pk])
    assert OUTCOME_NEEDED in client.post(url, {"status": "attended", "outcome": "", "revision": 1}).text
    assert (
        client.post(url, {"status": "attended", "outcome": "Two fillings next month", "revision": 1}).status_code == 302
    )
    past.refresh_from_db()
    assert past.status == Appointment.Status.ATTENDED and past.outcome_by == staff


def test_a_newer_delegated_authority_supersedes_the_older(client_for, manager, child):
    DelegatedAuthorityFactory(child=child, given_by="Old agreement", given_on=today() - datetime.timedelta(days=90))
    response = client_for(manager).post(
        reverse("delegated_authority_add", args=[child.pk]),
        {
            "matter": "haircuts",
            "conditions": "Ask mum first",
            "given_by": "Sam Lee, social worker",
            "given_on": today().isoformat(),
        },
    )
    assert response.status_code == 302
    assert DelegatedAuthority.objects.filter(child=child).count() == 2
    page = client_for(manager).get(reverse("health_record", args=[child.pk])).text
    assert "<strong>may not consent</strong>" in page  # unticked box: may not
    assert "Earlier agreements (1)" in page


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("health_condition_add", {"kind": "allergy", "name": "Nuts"}),
        ("health_appointment_add", {"kind": "gp", "starts_at": "2030-01-01T10:00", "reason": "Check"}),
        ("health_assessment_add", {"kind": "review", "due_on": "2027-01-01"}),
        ("delegated_authority_add", {"matter": "photographs", "given_by": "SW", "given_on": "2025-01-01"}),
    ],
)
def test_persona_matrix_for_additions(client_for, manager, staff, assessor, child, name, data):
    url = reverse(name, args=[child.pk])
    assert client_for(assessor).get(url).status_code == 403
    assert client_for(assessor).post(url, data).status_code == 403
    assert client_for(manager).get(url).status_code == 200
    assert client_for(manager).post(url, data).status_code == 302


def test_care_staff_may_not_set_delegated_authority_or_assessments(client_for, staff, child):
    assert client_for(staff).get(reverse("delegated_authority_add", args=[child.pk])).status_code == 403
    assert client_for(staff).get(reverse("health_assessment_add", args=[child.pk])).status_code == 403


def test_assessors_read_the_record_and_resolving_is_post_only(client_for, assessor, staff, child):
    allergy = ConditionFactory(child=child)
    assert client_for(assessor).get(reverse("health_record", args=[child.pk])).status_code == 200
    assert client_for(staff).get(reverse("health_condition_resolve", args=[allergy.pk])).status_code == 405
    assert client_for(assessor).post(reverse("health_condition_resolve", args=[allergy.pk])).status_code == 403


def test_the_record_page_runs_constant_queries(client_for, staff, child):
    url = reverse("health_record", args=[child.pk])
    ConditionFactory(child=child)
    AppointmentFactory(child=child)
    one = count_queries(client_for(staff), url)
    for _ in range(3):
        ConditionFactory(child=child)
        AppointmentFactory(child=child)
        HealthAssessmentFactory(child=child)
        DelegatedAuthorityFactory(child=child)
    assert count_queries(client_for(staff), url) == one
