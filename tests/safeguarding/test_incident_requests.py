"""A medication error opens an incident (issue 11, item 4), through the real registry: the
safeguarding app's opener keeps the facts and answers with the incident form, prefilled, which the
person completes and signs (Regulation 36), linked back so that no second incident is made."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from health.models import MedicationError
from health.services.medicines import medication_error_record
from homes.extensions import IncidentReport, open_incident, task_sources
from homes.models import Membership
from safeguarding.catalogue import ensure_catalogue
from safeguarding.models import Incident, IncidentCategory, IncidentRequest
from safeguarding.services import incidents as services
from tests.factories import ChildFactory, member
from tests.health.factories import PrescriptionFactory
from tests.safeguarding.incident_factories import make_incident
from tests.safeguarding.test_incident_views import incident_form
from tests.utils import today


@pytest.fixture
def error_form(child):
    ensure_catalogue()
    melatonin = PrescriptionFactory(child=child)
    return {
        "prescription": melatonin.pk,
        "kind": "missed",
        "occurred_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "what_happened": "Left for school before the 8 am dose",
        "action_taken": "Rang 111 for advice",
    }


def _record_error(client, child, error_form):
    return client.post(reverse("medication_error_add", args=[child.pk]), error_form)


def test_a_medication_error_leads_to_the_incident_form_prefilled_and_the_signed_incident_is_linked(
    client_for, child, staff, error_form
):
    client = client_for(staff)
    response = _record_error(client, child, error_form)
    requested = IncidentRequest.objects.get()
    error = MedicationError.objects.get()
    form_url = f"{reverse('incident_record', args=[child.pk])}?request={requested.pk}"
    assert response.status_code == 302 and response.url == form_url == error.incident_url
    assert (requested.source, requested.source_id) == ("health.MedicationError", error.pk)
    assert requested.requested_by == staff
    assert not Incident.objects.exists()  # nothing is signed in anyone's name

    page = client.get(form_url).text
    assert "Medication error: missed dose. Left for school before the 8 am dose" in page
    medication = IncidentCategory.objects.get(name=services.REQUESTED_CATEGORY)
    assert re.search(rf'<input[^>]*name="categories"[^>]*value="{medication.pk}"[^>]*checked', page)
    assert "Opened from what Jess Whitfield recorded" in page

    done = client.post(form_url, incident_form(staff, categories=[medication], what_happened="Missed the 8 am dose."))
    incident = Incident.objects.get()
    assert done.url == reverse("incident_detail", args=[incident.pk])
    assert incident.author == staff and list(incident.categories.all()) == [medication]
    requested.refresh_from_db()
    assert requested.incident == incident

    # The link the medicines page keeps now leads to the incident, and never to a second one.
    again = client.get(error.incident_url)
    assert again.status_code == 302 and again.url == reverse("incident_detail", args=[incident.pk])
    medicines = client.get(reverse("medicines", args=[child.pk])).text
    assert f'href="{escape(error.incident_url)}"' in medicines


def test_a_second_person_finishing_the_same_request_is_refused(child, staff, home):
    error = medication_error_record(
        child=child,
        recorded_by=staff,
        kind="wrong_dose",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        what_happened="Two tablets instead of one",
        action_taken="Rang the pharmacist",
    )
    requested = IncidentRequest.objects.get(source_id=error.pk)
    deputy = member(home, Membership.Role.DEPUTY_MANAGER)
    make_incident(child, author=staff, requested=requested)
    with pytest.raises(ValidationError) as refused:
        make_incident(child, author=deputy, requested=requested)
    assert refused.value.messages == [services.REQUEST_ALREADY_RECORDED.format(who=staff)]
    assert Incident.objects.count() == 1


def test_the_same_source_asking_twice_gets_the_same_request(child, staff):
    report = IncidentReport(
        child_id=child.pk,
        occurred_at=timezone.now(),
        kind="Medication error: wrong time",
        summary="Given at 10",
        recorded_by_id=staff.pk,
        source="health.MedicationError",
        source_id=99,
    )
    assert open_incident(report) == open_incident(report)
    assert IncidentRequest.objects.count() == 1


def test_a_request_answers_only_on_its_own_childs_page(client_for, child, staff, home, other_home, error_form):
    _record_error(client_for(staff), child, error_form)
    requested = IncidentRequest.objects.get()
    sibling = ChildFactory(home=home, key_worker=staff)
    url = reverse("incident_record", args=[sibling.pk])
    assert client_for(staff).get(f"{url}?request={requested.pk}").status_code == 404
    assert client_for(staff).get(f"{url}?request=x").status_code == 404
    stranger = member(other_home, Membership.Role.CARE_STAFF)
    form_url = reverse("incident_record", args=[child.pk])
    assert client_for(stranger).get(f"{form_url}?request={requested.pk}").status_code == 404
    reader = member(home, Membership.Role.ASSESSOR)
    assert client_for(reader).get(f"{form_url}?request={requested.pk}").status_code == 403


def test_the_medication_error_category_is_seeded(db):
    assert IncidentCategory.objects.filter(name=services.REQUESTED_CATEGORY, active=True).exists()


def test_a_request_left_half_way_is_a_task_for_who_recorded_it_until_the_incident_is_signed(
    client_for, child, staff, error_form
):
    _record_error(client_for(staff), child, error_form)
    requested = IncidentRequest.objects.get()
    horizon = today() + datetime.timedelta(days=14)
    tasks = [t for t in task_sources["incidents"].tasks(staff, today(), horizon) if t.url == requested.form_url]
    assert [(t.kind, t.about) for t in tasks] == [
        ("Complete and sign the incident (Medication error: missed dose)", child.preferred_name)
    ]
    make_incident(child, author=staff, requested=requested)
    assert all(t.url != requested.form_url for t in task_sources["incidents"].tasks(staff, today(), horizon))
