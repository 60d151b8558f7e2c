import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homes import access
from homes.models import Membership
from supervision.models import Course, TrainingRecord
from supervision.models import training as training_models
from supervision.models.training import add_months
from supervision.services.training import training_matrix
from tests.factories import member
from tests.supervision.factories import course, make_training, staff_member, today

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def years_ago(years: float, plus_days: int = 0) -> datetime.date:
    return today() - datetime.timedelta(days=round(365.25 * years) - plus_days)


def test_the_issues_courses_are_in_the_catalogue(db):
    names = set(Course.objects.values_list("name", flat=True))
    assert {
        "Trauma-informed practice",
        "The assessment model (brain map)",
        "PACE and therapeutic parenting",
        "Safeguarding children",
        "First aid (paediatric)",
        "De-escalation and physical intervention",
        "Medication administration",
    } <= names


def test_add_months_keeps_the_day_or_the_months_end():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 12) == datetime.date(2027, 11, 15)


def test_status_current_expiring_expired_and_missing(home):
    person = staff_member(home)
    Course.objects.create(name="Fire safety", valid_for_months=None)
    make_training(person, "Safeguarding children", today() - datetime.timedelta(days=100))  # valid 12 months
    make_training(person, "Medication administration", today() - datetime.timedelta(days=330))  # ~35 days left
    make_training(person, "De-escalation and physical intervention", today() - datetime.timedelta(days=400))
    make_training(person, "Fire safety", today() - datetime.timedelta(days=4000))  # never expires
    cells = {cell.course.name: cell for cell in training_matrix([home])[home.pk][0].cells}
    assert cells["Safeguarding children"].status == TrainingRecord.Status.CURRENT
    assert cells["Medication administration"].status == TrainingRecord.Status.EXPIRING
    assert cells["De-escalation and physical intervention"].status == TrainingRecord.Status.EXPIRED
    assert cells["Fire safety"].status == TrainingRecord.Status.CURRENT
    assert cells["First aid (paediatric)"].status == TrainingRecord.Status.MISSING


def test_the_latest_completion_counts(home):
    person = staff_member(home)
    make_training(person, "Safeguarding children", today() - datetime.timedelta(days=800))
    make_training(person, "Safeguarding children", today() - datetime.timedelta(days=10))
    cells = {cell.course.name: cell for cell in training_matrix([home])[home.pk][0].cells}
    assert cells["Safeguarding children"].status == TrainingRecord.Status.CURRENT


def test_expiring_means_within_sixty_days(home):
    person = staff_member(home)
    record = make_training(person, "Safeguarding children", today() - datetime.timedelta(days=200))
    assert record.status_on(record.expires_on - datetime.timedelta(days=61)) == TrainingRecord.Status.CURRENT
    assert record.status_on(record.expires_on - datetime.timedelta(days=60)) == TrainingRecord.Status.EXPIRING
    assert record.status_on(record.expires_on + datetime.timedelta(days=1)) == TrainingRecord.Status.EXPIRED


def test_retired_courses_leave_the_matrix(home):
    staff_member(home)
    Course.objects.filter(name="Medication administration").update(active=False)
    names = [cell.course.name for cell in training_matrix([home])[home.pk][0].cells]
    assert "Medication administration" not in names


# --- the matrix page --------------------------------------------------------------------------


def test_matrix_shows_colour_and_words(client_for, home, manager):
    person = staff_member(home, full_name="Ffion Jones")
    make_training(person, "Safeguarding children", today() - datetime.timedelta(days=400))
    page = client_for(manager).get(reverse("training_matrix", args=[home.pk])).text
    assert "Ffion Jones" in page
    assert 'class="training-status training-expired">✕ Expired' in page
    assert "training-missing" in page and "Missing" in page


def test_matrix_leads_with_expired_training_then_expiring(client_for, home, manager):
    """Issue 13, item 8: on an iPad the rows a manager must act on are the first seen."""
    staff_member(home, full_name="Aled Current")
    expiring, expired = today() - datetime.timedelta(days=330), today() - datetime.timedelta(days=400)
    make_training(staff_member(home, full_name="Bea Expiring"), "Medication administration", expiring)
    make_training(staff_member(home, full_name="Cai Expired"), "Safeguarding children", expired)
    page = client_for(manager).get(reverse("training_matrix", args=[home.pk])).text
    order = [page.index(name) for name in ("Cai Expired", "Bea Expiring", "Aled Current")]
    assert order == sorted(order)
    assert 'class="training-status training-expired">✕ 1 expired' in page


def test_matrix_persona_matrix(client_for, home, manager, clinical_lead, staff, other_manager):
    url = reverse("training_matrix", args=[home.pk])
    assert client_for(manager).get(url).status_code == 200
    assert client_for(clinical_lead).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 403
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_matrix_queries_do_not_grow(client_for, home, manager):
    client = client_for(manager)
    url = reverse("training_matrix", args=[home.pk])
    make_training(staff_member(home), "Safeguarding children", today())
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        person = staff_member(home)
        make_training(person, "Safeguarding children", today(), evidence="training/x.pdf")
        make_training(person, "First aid (paediatric)", today())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- recording, with evidence ----------------------------------------------------------------


def upload(name="certificate.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def record_form(person, **overrides):
    data = {
        "person": person.pk,
        "course": course().pk,
        "completed_on": (today() - datetime.timedelta(days=3)).isoformat(),
        "evidence": upload(),
    }
    data.update(overrides)
    return data


def test_manager_records_training_with_a_certificate(client_for, home, manager, staff, settings):
    response = client_for(manager).post(reverse("training_add", args=[home.pk]), record_form(staff))
    assert response.status_code == 302 and response.url == reverse("training_matrix", args=[home.pk])
    record = TrainingRecord.objects.get()
    assert record.person == staff and record.recorded_by == manager
    assert record.expires_on == add_months(record.completed_on, 12)
    assert str(settings.MEDIA_ROOT) in record.evidence.path


def test_care_staff_record_their_own_training_only(client_for, home, staff, colleague):
    url = reverse("training_add", args=[home.pk])
    assert (
        client_for(staff).post(url, record_form(staff, evidence=upload("photo.png", PNG, "image/png"))).status_code
        == 302
    )
    response = client_for(staff).post(url, record_form(colleague))
    assert response.status_code == 200 and "Choose one of the options for member of staff" in response.text
    assert list(TrainingRecord.objects.values_list("person", flat=True)) == [staff.pk]


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        (upload("virus.exe", b"MZ\x90\x00"), training_models.EVIDENCE_WRONG_TYPE),
        (upload("renamed.pdf", b"MZ\x90\x00 not really a pdf"), training_models.EVIDENCE_WRONG_TYPE),
        (upload("huge.pdf", PDF + b"0" * (10 * 1024 * 1024)), training_models.EVIDENCE_TOO_LARGE),
    ],
)
def test_evidence_type_and_size_are_checked(client_for, home, manager, staff, evidence, message):
    response = client_for(manager).post(reverse("training_add", args=[home.pk]), record_form(staff, evidence=evidence))
    assert response.status_code == 200
    assert message in response.text
    assert not TrainingRecord.objects.exists()


def test_training_in_the_future_is_refused(client_for, home, manager, staff):
    future = (today() + datetime.timedelta(days=5)).isoformat()
    response = client_for(manager).post(
        reverse("training_add", args=[home.pk]), record_form(staff, completed_on=future)
    )
    assert training_models.COMPLETED_IN_FUTURE in response.text


def test_training_add_persona_matrix(client_for, home, other_manager, manager, staff, administrator):
    url = reverse("training_add", args=[home.pk])
    assert client_for(staff).get(url).status_code == 200
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(other_manager).post(url, record_form(staff)).status_code == 404
    assert client_for(manager).put(url).status_code == 405
    assert not TrainingRecord.objects.exists()


def test_clinical_leads_read_the_matrix_but_are_not_offered_the_training_form(client_for, home, clinical_lead, staff):
    """Review finding 3: the form listed every member of staff, then the submit answered 403."""
    matrix = client_for(clinical_lead).get(reverse("training_matrix", args=[home.pk]))
    assert matrix.status_code == 200
    assert reverse("training_add", args=[home.pk]) not in matrix.text
    url = reverse("training_add", args=[home.pk])
    assert client_for(clinical_lead).get(url).status_code == 403
    assert client_for(clinical_lead).post(url, record_form(staff)).status_code == 403
    assert not TrainingRecord.objects.exists()


def test_the_form_offers_exactly_whom_the_person_may_record_for(client_for, home, manager, staff, colleague):
    for user, expected in ((manager, {manager, staff, colleague}), (staff, {staff})):
        form = client_for(user).get(reverse("training_add", args=[home.pk])).context["form"]
        offered = set(form.fields["person"].queryset)
        assert offered == expected
        assert all(access.can_record_training(user, person) for person in offered)


# --- evidence downloads ----------------------------------------------------------------------


@pytest.fixture
def certificate(client_for, home, manager, staff):
    client_for(manager).post(reverse("training_add", args=[home.pk]), record_form(staff))
    return TrainingRecord.objects.get()


@pytest.mark.parametrize("who", ["staff", "manager", "clinical_lead", "administrator"])
def test_the_person_and_their_managers_download_the_certificate(client_for, certificate, who, request):
    response = client_for(request.getfixturevalue(who)).get(reverse("training_evidence", args=[certificate.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_others_cannot_download_the_certificate(client_for, certificate, home, other_manager):
    url = reverse("training_evidence", args=[certificate.pk])
    for other in (member(home), member(home, Membership.Role.ASSESSOR), other_manager):
        assert client_for(other).get(url).status_code == 404
    assert client_for(certificate.person).post(url).status_code == 405


def test_media_is_not_served_at_a_public_url(client, certificate):
    assert client.get("/media/" + certificate.evidence.name).status_code == 404


def test_everyone_sees_their_own_training_on_their_page(client_for, home, assessor):
    make_training(assessor, "Safeguarding children", today() - datetime.timedelta(days=400))
    page = client_for(assessor).get(reverse("my_supervision")).text
    assert "My training" in page and "training-expired" in page and "Safeguarding children" in page
