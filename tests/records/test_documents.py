"""Documents on a child's record and the memory box: who may add and read them, what files are
kept, how they are served, and that every download and change is accounted for."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape

from records import filetypes
from records.models import Document, DocumentDownload
from records.models import documents as models
from records.services import documents as services
from tests.factories import ChildFactory
from tests.records.factories import add_document, memory_box_item
from tests.records.files import pdf_bytes, png_bytes, upload
from tests.utils import count_queries, today

READERS = ["staff", "deputy", "manager", "assessor", "clinical_lead", "administrator"]
ADDERS = ["staff", "deputy", "manager", "clinical_lead"]


def document_form(**overrides) -> dict:
    data = {
        "file": upload("certificate.png", png_bytes(), "image/png"),
        "kind": Document.Kind.CERTIFICATE,
        "title": "Swimming, 25 metres",
        "dated": today().isoformat(),
        "description": "Swam a whole length without stopping.",
        "in_memory_box": "on",
        "with_child": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def add_url(child):
    return reverse("memory_box_add", args=[child.pk])


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", READERS)
@pytest.mark.parametrize("page", ["document_list", "memory_box"])
def test_everyone_who_reads_the_child_reads_their_documents(request, client_for, child, person, page):
    memory_box_item(child, title="Star of the week")
    response = client_for(request.getfixturevalue(person)).get(reverse(page, args=[child.pk]))
    assert response.status_code == 200
    assert "Star of the week" in response.text


@pytest.mark.parametrize("person", ADDERS)
def test_the_people_who_care_for_the_child_add_to_the_memory_box(request, client_for, child, add_url, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, document_form())
    assert response.status_code == 302
    assert response.url == reverse("memory_box", args=[child.pk])
    document = Document.objects.get()
    assert document.in_memory_box and document.with_child
    assert document.added_by == request.getfixturevalue(person)


@pytest.mark.parametrize("person", ["assessor", "administrator"])
def test_others_who_read_the_child_get_403_on_adding(request, client_for, add_url, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(add_url).status_code == 403
    assert client.post(add_url, document_form()).status_code == 403
    assert not Document.objects.exists()


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, child, add_url):
    document = memory_box_item(child)
    client = client_for(other_manager)
    for name, arg in [
        ("document_list", child.pk),
        ("memory_box", child.pk),
        ("document_detail", document.pk),
        ("document_download", document.pk),
        ("document_thumbnail", document.pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    assert client.post(add_url, document_form()).status_code == 404
    assert client.post(reverse("document_archive", args=[document.pk]), {"reason": "x"}).status_code == 404
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name", ["document_download", "document_thumbnail", "document_detail"])
def test_file_views_refuse_post(client_for, manager, child, name):
    document = memory_box_item(child)
    assert client_for(manager).post(reverse(name, args=[document.pk])).status_code == 405


def test_archive_refuses_get(client_for, manager, child):
    document = add_document(child)
    assert client_for(manager).get(reverse("document_archive", args=[document.pk])).status_code == 405


def test_not_logged_in_is_sent_to_log_in(client, child):
    document = memory_box_item(child)
    response = client.get(reverse("document_download", args=[document.pk]))
    assert response.status_code == 302 and "/login" in response.url


# --- what is kept ------------------------------------------------------------------------------


def test_the_file_is_stored_under_a_random_name_with_its_hash_and_a_thumbnail(client_for, staff, child, add_url):
    client_for(staff).post(add_url, document_form())
    document = Document.objects.get()
    assert document.file.name.startswith(f"documents/{child.pk}/")
    assert "certificate" not in document.file.name and child.preferred_name not in document.file.name
    assert document.file.name.endswith(".png")
    assert document.content_type == "image/png"
    assert document.original_name == "certificate.png"
    assert document.size == len(png_bytes())
    import hashlib

    assert document.sha256 == hashlib.sha256(png_bytes()).hexdigest()
    assert document.thumbnail.name.endswith(".jpg")
    with document.thumbnail.open("rb") as thumbnail:
        assert thumbnail.read(3) == b"\xff\xd8\xff"


def test_a_pdf_has_no_thumbnail_and_shows_as_a_card(client_for, staff, child, add_url):
    client_for(staff).post(add_url, document_form(file=upload("award.pdf", pdf_bytes())))
    document = Document.objects.get()
    assert document.content_type == "application/pdf" and not document.thumbnail
    page = client_for(staff).get(reverse("memory_box", args=[child.pk])).text
    assert reverse("document_thumbnail", args=[document.pk]) not in page
    assert "Certificate or award" in page


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("virus.pdf", b"MZ" + b"\x00" * 100), filetypes.WRONG_TYPE),
        (upload("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100), filetypes.LEGACY_OFFICE),
        (upload("empty.pdf", b""), None),
    ],
    ids=["renamed-program", "legacy-office", "empty"],
)
def test_files_of_other_kinds_are_refused_with_a_message(client_for, staff, add_url, file, message):
    response = client_for(staff).post(add_url, document_form(file=file))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    if message:
        assert escape(message) in response.text
    assert not Document.objects.exists()


def test_files_over_the_size_limit_are_refused(settings, client_for, staff, add_url):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = client_for(staff).post(add_url, document_form(file=upload("big.pdf", pdf_bytes() + b"%" * 2000)))
    assert response.status_code == 200
    assert escape(services.FILE_TOO_LARGE.format(limit="1 KB")) in response.text
    assert not Document.objects.exists()


def test_the_service_checks_the_file_too(child, staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.document_add(
            child=child,
            added_by=staff,
            upload=upload("script.png", b"<script>alert(1)</script>"),
            kind=Document.Kind.PHOTO,
            title="x",
            dated=today(),
        )
    assert error.value.message_dict["file"] == [filetypes.WRONG_TYPE]


def test_a_future_date_is_refused(client_for, staff, child, add_url):
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(add_url, document_form(dated=tomorrow))
    assert escape(models.DOCUMENT_IN_FUTURE) in response.text
    assert not Document.objects.exists()


def test_a_date_before_birth_is_refused_but_before_admission_is_fine(client_for, staff, child, add_url):
    before_birth = (child.date_of_birth - datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(add_url, document_form(dated=before_birth))
    assert "before" in response.text and not Document.objects.exists()
    before_admission = (child.admission_date - datetime.timedelta(days=300)).isoformat()
    assert client_for(staff).post(add_url, document_form(dated=before_admission)).status_code == 302


def test_a_double_submit_stores_nothing_twice(client_for, staff, add_url):
    from tests.guards.test_create_once import token_on

    client = client_for(staff)
    token = token_on(client.get(add_url).text)
    client.post(add_url, {**document_form(), "submission_token": token})
    client.post(add_url, {**document_form(), "submission_token": token})
    assert Document.objects.count() == 1


# --- the sensitive flag ----------------------------------------------------------------------


@pytest.fixture
def sensitive(child, manager):
    return add_document(child, by=manager, title="Police report", kind=Document.Kind.AGENCY_REPORT, sensitive=True)


@pytest.mark.parametrize("person", ["staff", "assessor", "administrator"])
def test_a_sensitive_document_does_not_exist_for_others(request, client_for, child, sensitive, person):
    client = client_for(request.getfixturevalue(person))
    assert "Police report" not in client.get(reverse("document_list", args=[child.pk])).text
    assert "Police report" not in client.get(reverse("child_chronology", args=[child.pk])).text
    for name in ["document_detail", "document_download"]:
        assert client.get(reverse(name, args=[sensitive.pk])).status_code == 404
    assert not DocumentDownload.objects.exists()


@pytest.mark.parametrize("person", ["manager", "deputy", "clinical_lead"])
def test_managers_and_the_clinical_lead_read_a_sensitive_document(request, client_for, child, sensitive, person):
    client = client_for(request.getfixturevalue(person))
    assert "Police report" in client.get(reverse("document_list", args=[child.pk])).text
    assert client.get(reverse("document_download", args=[sensitive.pk])).status_code == 200


def test_only_those_who_may_read_sensitive_documents_may_mark_one(client_for, staff, manager, child, add_url):
    assert 'name="sensitive"' not in client_for(staff).get(add_url).text
    client_for(staff).post(add_url, document_form(in_memory_box="", sensitive="on"))
    assert Document.objects.get().sensitive is False  # the field is not theirs to set
    assert 'name="sensitive"' in client_for(manager).get(add_url).text


def test_a_sensitive_document_cannot_go_in_the_memory_box(client_for, manager, child, add_url):
    response = client_for(manager).post(add_url, document_form(sensitive="on"))
    assert escape(models.SENSITIVE_NOT_IN_MEMORY_BOX.format(child=child.preferred_name)) in response.text
    assert not Document.objects.exists()


# --- serving files -----------------------------------------------------------------------------


def test_a_download_is_an_attachment_with_the_type_found_and_is_logged(client_for, manager, child):
    document = add_document(child, title="Summer term report")
    response = client_for(manager).get(reverse("document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".pdf" in disposition
    assert "summer-term-report" in disposition
    assert b"".join(response.streaming_content) == pdf_bytes()
    download = DocumentDownload.objects.get()
    assert (download.user, download.document, download.sha256) == (manager, document, document.sha256)
    read = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Document),
        object_pk=str(document.pk),
        action=LogEntry.Action.ACCESS,
    )
    assert read.filter(actor=manager).exists()


def test_the_thumbnail_is_shown_inline_as_the_jpeg_hearth_made(client_for, staff, child):
    document = memory_box_item(child)
    response = client_for(staff).get(reverse("document_thumbnail", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_file_missing_from_storage_is_a_clear_404(client_for, manager, child):
    document = add_document(child)
    document.file.storage.delete(document.file.name)
    response = client_for(manager).get(reverse("document_download", args=[document.pk]))
    assert response.status_code == 404
    assert not DocumentDownload.objects.exists()


def test_no_file_has_a_public_url(client_for, manager, child):
    document = memory_box_item(child)
    for name in ["memory_box", "document_list", "child_detail"]:
        page = client_for(manager).get(reverse(name, args=[child.pk])).text
        assert document.file.name not in page and document.thumbnail.name not in page
    assert document.file.name not in client_for(manager).get(reverse("document_detail", args=[document.pk])).text


# --- archiving (never deleting) ------------------------------------------------------------------


def test_a_manager_takes_a_document_added_in_error_off_the_record(client_for, manager, child):
    document = add_document(child, title="Wrong child's letter")
    url = reverse("document_archive", args=[document.pk])
    response = client_for(manager).post(url, {"reason": "Belongs to another child"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.archived and document.archived_by == manager
    assert document.archive_reason == "Belongs to another child"
    assert document.file.storage.exists(document.file.name)  # kept, never deleted
    assert "Wrong child" not in client_for(manager).get(reverse("document_list", args=[child.pk])).text


def test_archiving_needs_a_reason(client_for, manager, child):
    document = add_document(child)
    response = client_for(manager).post(reverse("document_archive", args=[document.pk]), {"reason": ""})
    assert response.status_code == 200 and "There is a problem" in response.text
    document.refresh_from_db()
    assert not document.archived


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead"])
def test_only_managers_archive(request, client_for, child, person):
    document = add_document(child)
    response = client_for(request.getfixturevalue(person)).post(
        reverse("document_archive", args=[document.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    document.refresh_from_db()
    assert not document.archived


# --- audit -------------------------------------------------------------------------------------


def test_adding_and_archiving_are_in_the_documents_history(client_for, staff, manager, child, add_url):
    client_for(staff).post(add_url, document_form())
    document = Document.objects.get()
    client_for(manager).post(reverse("document_archive", args=[document.pk]), {"reason": "Duplicate"})
    entries = LogEntry.objects.get_for_object(document)
    actions = {(entry.action, entry.actor_id) for entry in entries}
    assert (LogEntry.Action.CREATE, staff.pk) in actions
    assert (LogEntry.Action.UPDATE, manager.pk) in actions


def test_reading_the_list_and_a_document_is_logged(client_for, staff, child):
    document = add_document(child)
    client = client_for(staff)
    client.get(reverse("document_list", args=[child.pk]))
    client.get(reverse("document_detail", args=[document.pk]))
    child_reads = LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.ACCESS, actor=staff)
    document_reads = LogEntry.objects.get_for_object(document).filter(action=LogEntry.Action.ACCESS, actor=staff)
    assert child_reads.exists() and document_reads.exists()


# --- constant queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["document_list", "memory_box", "child_detail"])
def test_pages_run_the_same_queries_for_one_document_or_many(client_for, manager, child, page):
    client = client_for(manager)
    url = reverse(page, args=[child.pk])
    memory_box_item(child, by=manager)
    add_document(child, by=manager)
    one = count_queries(client, url)
    others = [ChildFactory(home=child.home).key_worker for _ in range(2)]
    for by in [manager, *others]:
        memory_box_item(child, by=by)
        add_document(child, by=by)
    assert count_queries(client, url) == one
