"""Subject access (issue 15, items 3, 6, 8): the export holds every row of every kind the apps
register, with its history; third parties' information is listed for review; the released copy
applies the redactions and says what was withheld and why; administrators only."""

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.extensions import tasks_for
from records.models import Redaction, SubjectAccessDownload, SubjectAccessRequest
from records.subject_access import (
    ERROR_NOT_QUEUED,
    ERROR_RECEIVED_IN_FUTURE,
    ERROR_UNDECIDED,
    REDACTED,
    redaction_decide,
    sar_open,
    sar_release,
)
from records.subjects import Subject, section_querysets
from tests.brokers import celery_broker, closed_port_url
from tests.factories import ChildFactory, member
from tests.records.world import PDF, full_child_record, full_staff_record


def _zip(request: SubjectAccessRequest) -> zipfile.ZipFile:
    request.refresh_from_db()
    with request.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _document(request) -> dict:
    return json.loads(_zip(request).read("record.json"))


def _open(subject, by, capture, **fields) -> SubjectAccessRequest:
    fields.setdefault("requested_by", "The person themselves, identity checked")
    fields.setdefault("received_on", timezone.localdate())
    with capture(execute=True):
        request = sar_open(subject=subject, by=by, **fields)
    request.refresh_from_db()
    return request


def _release(request, by, capture, to="By hand, identity checked"):
    with capture(execute=True):
        sar_release(request=request, released_to=to, by=by)
    request.refresh_from_db()
    return request


def test_the_export_holds_a_record_of_every_registered_kind(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    child = ChildFactory(home=home, social_worker_phone="")
    record = full_child_record(child, manager=manager)
    subject = Subject.of_child(child)
    # An earlier request, reviewed and downloaded: part of the record too.
    earlier = SubjectAccessRequest.objects.create(
        kind="child",
        child=child,
        requested_by="Her solicitor",
        received_on=datetime.date(2025, 1, 6),
        opened_by=administrator,
        status="failed",
    )
    record["records.SubjectAccessRequest"] = earlier
    record["records.Redaction"] = Redaction.objects.create(request=earlier, kind="contact", term="a@example.org")
    record["records.SubjectAccessDownload"] = SubjectAccessDownload.objects.create(
        request=earlier, user=administrator, sha256="0" * 64
    )
    request = _open(subject, administrator, django_capture_on_commit_callbacks)

    request.refresh_from_db()
    assert request.status == SubjectAccessRequest.Status.READY and request.progress == 100
    document = _document(request)
    exported = {(row["model"], row["id"]): row for section in document["sections"] for row in section["records"]}
    kinds = {queryset.model._meta.label for _, queryset in section_querysets(subject)}
    for label in kinds:
        assert any(model == label for model, _ in exported), f"no {label} in the export"
    for label, row in record.items():
        if label in kinds:
            assert (label, row.pk) in exported, f"{label} {row.pk} is missing from the export"
    # Each row carries its history: the child's creation, and the read this request made nowhere.
    child_row = exported[("children.Child", child.pk)]
    assert child_row["fields"]["legal_name"] == child.legal_name
    assert any(entry["action"] == "create" for entry in child_row["history"])
    assert exported[("children.KeyWorkingSession", record["children.KeyWorkingSession"].pk)]["fields"][
        "goals_worked_on"
    ] == [record["children.Goal"].pk]

    archive = _zip(request)
    names = archive.namelist()
    assert {"README.txt", "record.json", "record.pdf"} <= set(names)
    assert archive.read("record.pdf").startswith(b"%PDF")
    (review_pdf,) = [name for name in names if name.startswith("files/") and name.endswith(".pdf")]
    assert archive.read(review_pdf) == PDF
    assert all(".." not in name and not name.startswith("/") for name in names)


def test_a_staff_members_export_holds_their_supervision_and_account(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    person = member(home, full_name="Jo Carer")
    record = full_staff_record(person, home, supervisor=manager)
    request = _open(Subject.of_staff(person), administrator, django_capture_on_commit_callbacks)
    document = _document(request)
    assert document["subject"]["account"]["email"] == person.email
    assert "password" not in document["subject"]["account"]
    rows = {(row["model"], row["id"]): row for section in document["sections"] for row in section["records"]}
    assert ("supervision.SupervisionSession", record["session"].pk) in rows
    assert ("supervision.TrainingRecord", record["training"].pk) in rows
    assert rows[("supervision.SupervisionSession", record["group"].pk)]["shared_with_others"]
    shared = Redaction.objects.get(request=request, kind=Redaction.Kind.SHARED)
    assert shared.term.endswith(str(record["group"].pk))


def test_the_review_lists_other_children_and_contact_details(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    other = ChildFactory(home=home, preferred_name="Tallulah", legal_name="Tallulah Brightwater")
    child = ChildFactory(home=home, social_worker_name="Pat Jones", social_worker_phone="01422 555 0101")
    record = full_child_record(child, manager=manager)
    session = record["children.KeyWorkingSession"]
    session.notes = "Talked about Tallulah; call her aunt on 07700 900123 or aunt@example.org."
    session.save()
    request = _open(Subject.of_child(child), administrator, django_capture_on_commit_callbacks)

    found = {(item.kind, item.term) for item in request.redactions.all()}
    assert (Redaction.Kind.OTHER_CHILD, other.preferred_name) in found
    assert (Redaction.Kind.CONTACT, "07700 900123") in found
    assert (Redaction.Kind.CONTACT, "aunt@example.org") in found
    assert (Redaction.Kind.CONTACT, "Pat Jones") in found
    assert not any(term in {child.preferred_name, child.legal_name} for _, term in found)
    place = request.redactions.get(term=other.preferred_name).places[0]
    assert "Tallulah" in place["excerpt"] and place["record"].endswith(str(session.pk))


def test_release_needs_every_decision_and_applies_the_redactions(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    ChildFactory(home=home, preferred_name="Tallulah", legal_name="Tallulah Brightwater")
    child = ChildFactory(home=home, social_worker_name="", social_worker_phone="")
    record = full_child_record(child, manager=manager)
    session = record["children.KeyWorkingSession"]
    session.notes = "Played football with Tallulah; phone 07700 900123."
    session.save()
    request = _open(Subject.of_child(child), administrator, django_capture_on_commit_callbacks)
    review_file = request.file.name

    with pytest.raises(Exception) as error:
        _release(request, administrator, django_capture_on_commit_callbacks)
    assert str(ERROR_UNDECIDED.format(count=request.redactions.count())) in str(error.value)

    for item in request.redactions.all():
        if item.term == "Tallulah":
            redaction_decide(redaction=item, decision="redact", reason="Another child: no consent", by=administrator)
        else:
            redaction_decide(redaction=item, decision="disclose", reason="Reasonable to disclose", by=administrator)
    request = _release(request, administrator, django_capture_on_commit_callbacks)

    assert request.status == SubjectAccessRequest.Status.RELEASED
    assert request.released_by == administrator and request.released_at
    assert request.released_to == "By hand, identity checked"
    document = _document(request)
    notes = next(
        row["fields"]["notes"]
        for section in document["sections"]
        for row in section["records"]
        if row["model"] == "children.KeyWorkingSession" and row["id"] == session.pk
    )
    assert notes == f"Played football with {REDACTED}; phone 07700 900123."
    assert "Tallulah" not in json.dumps(document)
    assert document["redactions"][0]["reason"] == "Another child: no consent"
    assert not request.file.storage.exists(review_file)  # only the released copy is kept


def test_a_withheld_shared_record_leaves_only_the_reason(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    person = member(home)
    record = full_staff_record(person, home, supervisor=manager)
    request = _open(Subject.of_staff(person), administrator, django_capture_on_commit_callbacks)
    for item in request.redactions.all():
        decision = "redact" if item.kind == Redaction.Kind.SHARED else "disclose"
        redaction_decide(redaction=item, decision=decision, reason="Other attendees' reflections", by=administrator)
    request = _release(request, administrator, django_capture_on_commit_callbacks)
    rows = {(row["model"], row["id"]): row for section in _document(request)["sections"] for row in section["records"]}
    group = rows[("supervision.SupervisionSession", record["group"].pk)]
    assert group["withheld"] == "Other attendees' reflections" and group["fields"] == {}


def test_a_decision_needs_a_reason(home, administrator, django_capture_on_commit_callbacks):
    request = _open(Subject.of_child(ChildFactory(home=home)), administrator, django_capture_on_commit_callbacks)
    item = Redaction.objects.create(request=request, kind=Redaction.Kind.CONTACT, term="x@example.org")
    with pytest.raises(Exception):
        redaction_decide(redaction=item, decision="redact", reason=" ", by=administrator)


def test_the_one_month_clock_is_on_the_administrators_task_list(
    home, administrator, manager, django_capture_on_commit_callbacks
):
    received = datetime.date(2026, 1, 31)
    request = _open(
        Subject.of_child(ChildFactory(home=home)),
        administrator,
        django_capture_on_commit_callbacks,
        received_on=received,
    )
    assert request.due_on == datetime.date(2026, 2, 28)
    (task,) = [t for t in tasks_for(administrator, datetime.date(2026, 2, 20)) if t.kind.startswith("Answer")]
    assert task.due == datetime.date(2026, 2, 28) and task.url == reverse("sar_detail", args=[request.pk])
    assert not [t for t in tasks_for(manager, datetime.date(2026, 2, 20)) if t.kind.startswith("Answer")]
    request.extended = True
    assert request.due_on == datetime.date(2026, 4, 30)


def test_a_request_received_in_the_future_is_refused(home, administrator):
    with pytest.raises(Exception) as error:
        sar_open(
            subject=Subject.of_child(ChildFactory(home=home)),
            requested_by="x",
            received_on=timezone.localdate() + datetime.timedelta(days=1),
            by=administrator,
        )
    assert ERROR_RECEIVED_IN_FUTURE in str(error.value)


# --- Pages --------------------------------------------------------------------------------------


def test_the_pages_are_for_administrators_only(
    client_for, home, manager, clinical_lead, administrator, django_capture_on_commit_callbacks
):
    child = ChildFactory(home=home)
    request = _open(Subject.of_child(child), administrator, django_capture_on_commit_callbacks)
    for person in (manager, clinical_lead):
        client = client_for(person)
        assert client.get(reverse("sar_list")).status_code == 404
        assert client.get(reverse("sar_detail", args=[request.pk])).status_code == 404
        assert client.get(reverse("sar_download", args=[request.pk])).status_code == 404
    page = client_for(administrator).get(reverse("sar_detail", args=[request.pk]))
    assert page.status_code == 200 and child.preferred_name in page.content.decode()
    assert client_for(administrator).get(reverse("sar_release", args=[request.pk])).status_code == 405


def test_opening_a_request_over_http(client_for, home, administrator, django_capture_on_commit_callbacks):
    child = ChildFactory(home=home)
    client = client_for(administrator)
    empty = client.post(reverse("sar_list"), {})
    assert empty.status_code == 200 and "Choose whether the request is for" in empty.content.decode()
    no_child = client.post(reverse("sar_list"), {"kind": "child", "requested_by": "x", "received_on": "2026-01-01"})
    assert "Choose the child whose record is asked for" in no_child.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sar_list"),
            {"kind": "child", "child": child.pk, "requested_by": "Her, aged 34", "received_on": "2026-11-20"},
        )
    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("sar_detail", args=[request.pk])
    assert request.child == child and request.status == SubjectAccessRequest.Status.READY


def test_a_download_is_recorded(client_for, home, administrator, django_capture_on_commit_callbacks):
    request = _open(Subject.of_child(ChildFactory(home=home)), administrator, django_capture_on_commit_callbacks)
    response = client_for(administrator).get(reverse("sar_download", args=[request.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    download = SubjectAccessDownload.objects.get()
    assert download.user == administrator and download.sha256 == request.sha256


def test_deciding_and_releasing_over_http(client_for, home, administrator, django_capture_on_commit_callbacks):
    request = _open(Subject.of_child(ChildFactory(home=home)), administrator, django_capture_on_commit_callbacks)
    item = Redaction.objects.create(request=request, kind=Redaction.Kind.CONTACT, term="x@example.org")
    client = client_for(administrator)
    url = reverse("sar_redaction_decide", args=[item.pk])
    empty = client.post(url, {})
    assert empty.status_code == 200 and "Say why you disclose or redact it" in empty.content.decode()
    assert client.post(url, {f"r{item.pk}-decision": "redact", f"r{item.pk}-reason": "No consent"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("sar_release", args=[request.pk]), {"released_to": "Secure e-mail"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SubjectAccessRequest.Status.RELEASED


def test_the_pdf_escapes_what_people_typed(home, administrator, monkeypatch, django_capture_on_commit_callbacks):
    import homes.pdf

    pages: list[str] = []

    def keep(html: str) -> bytes:
        pages.append(html)
        return b"%PDF-1.4 a stand-in"

    monkeypatch.setattr(homes.pdf, "html_to_pdf", keep)
    payload = '"><img src=x onerror=alert(1)>'
    child = ChildFactory(home=home, preferred_name=f"Ruby{payload}", previous_names=payload)
    _open(Subject.of_child(child), administrator, django_capture_on_commit_callbacks, requested_by=payload)
    (html,) = pages
    assert "<img src=x" not in html and "&lt;img src=x" in html


@pytest.mark.xdist_group("real-broker")
def test_with_the_broker_down_the_request_is_kept_and_can_be_tried_again(
    client_for, home, administrator, django_capture_on_commit_callbacks
):
    child = ChildFactory(home=home)
    client = client_for(administrator)
    with celery_broker(closed_port_url()), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sar_list"),
            {"kind": "child", "child": child.pk, "requested_by": "Her, aged 34", "received_on": "2026-11-20"},
        )
    request = SubjectAccessRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("sar_detail", args=[request.pk])
    assert (request.status, request.error) == (SubjectAccessRequest.Status.FAILED, ERROR_NOT_QUEUED)
    page = client.get(response.url).content.decode()
    assert ERROR_NOT_QUEUED in page and "Try again" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("sar_retry", args=[request.pk]))
    request.refresh_from_db()
    assert (request.status, request.error) == (SubjectAccessRequest.Status.READY, "")
