import csv
import datetime
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from homes import extensions
from homes.models import SecurityEvent
from tests.factories import ChildFactory, UserFactory
from tests.tracker.factories import LAST_MONTH, EvidencePackFactory, TrackerFactory
from tracker.models import EvidenceDownload, EvidencePack, EvidenceShare, ReviewReport
from tracker.months import previous_month
from tracker.services import evidence as services
from tracker.services.evidence_cover import COVER_LABEL, COVER_PATH
from tracker.services.report import report_build, report_enqueue
from tracker.views.evidence import CODE_NOT_VALID, CODE_TRIES_EXHAUSTED

TODAY = timezone.localdate()
PERIOD = {"period_start": previous_month(LAST_MONTH), "period_end": TODAY}


def built_pack(home, manager, django_capture_on_commit_callbacks) -> EvidencePack:
    with django_capture_on_commit_callbacks(execute=True):
        pack = services.evidence_pack_request(home=home, user=manager, **PERIOD)
    pack.refresh_from_db()
    return pack


def zip_of(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


@pytest.fixture
def inspector(db):
    return UserFactory(full_name="Hannah Inspector", email="hannah@ofsted.example")


@pytest.fixture
def pack(home, manager, tracker, monkeypatch, django_capture_on_commit_callbacks):
    report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)
    monkeypatch.setattr(extensions, "evidence_sections", {})
    return built_pack(home, manager, django_capture_on_commit_callbacks)


# --- building --------------------------------------------------------------------------------


def test_the_pack_holds_the_periods_review_pdfs_and_an_index_with_hashes(
    home, other_home, manager, tracker, monkeypatch, django_capture_on_commit_callbacks
):
    in_range = report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)
    too_old = TrackerFactory(child=tracker.child, month=previous_month(previous_month(LAST_MONTH)))
    report_build(report_id=report_enqueue(tracker=too_old, kind=ReviewReport.Kind.MEETING_PACK).pk)
    elsewhere = TrackerFactory(child=ChildFactory(home=other_home, preferred_name="Amira"))
    report_build(report_id=report_enqueue(tracker=elsewhere, kind=ReviewReport.Kind.MEETING_PACK).pk)
    monkeypatch.setattr(extensions, "evidence_sections", {})
    extensions.register_evidence_section(
        extensions.EvidenceSection(name="supervision", files=lambda h, s, e: [("compliance.csv", b"staff,sessions\n")])
    )

    pack = built_pack(home, manager, django_capture_on_commit_callbacks)
    assert pack.status == EvidencePack.Status.READY and pack.file_count == 3
    # What the inspector's dashboard says is inside (issue 13), counted as the ZIP is written.
    assert pack.contents == [
        {"label": COVER_LABEL, "count": 1},
        {"label": services.REVIEWS_LABEL, "count": 1},
        {"label": "Supervision", "count": 1},
    ]
    content = pack.file.read()
    assert pack.sha256 == hashlib.sha256(content).hexdigest()
    archive = zip_of(content)
    pdf_path = f"reviews/{tracker.child.pk}-siobhan/{LAST_MONTH:%Y-%m}-meeting-pack.pdf"
    # The cover first, the index last.
    assert archive.namelist() == [COVER_PATH, pdf_path, "supervision/compliance.csv", "index.csv"]
    rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    assert [row["file"] for row in rows] == [COVER_PATH, pdf_path, "supervision/compliance.csv"]
    for row in rows:
        assert row["sha256"] == hashlib.sha256(archive.read(row["file"])).hexdigest()
    assert archive.read(pdf_path) == in_range.file.open("rb").read()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"period_start": TODAY, "period_end": TODAY - datetime.timedelta(days=1)}, services.PERIOD_BACKWARDS),
        ({"period_start": TODAY, "period_end": TODAY + datetime.timedelta(days=1)}, services.PERIOD_IN_FUTURE),
    ],
)
def test_the_period_is_checked(home, manager, period, message):
    with pytest.raises(ValidationError) as error:
        services.evidence_pack_request(home=home, user=manager, **period)
    assert message in error.value.messages


def test_a_failed_build_shows_the_error_and_can_be_built_again(
    home, manager, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(pack, target):
        raise OSError("disk full")

    monkeypatch.setattr(services, "render_evidence_zip", broken)
    pack = built_pack(home, manager, django_capture_on_commit_callbacks)
    assert pack.status == EvidencePack.Status.FAILED and pack.error == "OSError: disk full"
    monkeypatch.undo()
    monkeypatch.setattr(extensions, "evidence_sections", {})
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_pack_retry(pack=pack)
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.READY and EvidencePack.objects.count() == 1


# --- sharing with an inspector's account --------------------------------------------------------


def test_an_inspectors_account_sees_and_downloads_only_what_is_shared(client_for, manager, inspector, pack, home):
    other_pack = EvidencePackFactory(home=home)
    response = client_for(manager).post(
        reverse("evidence_share_account", args=[pack.pk]), {"email": "Hannah@Ofsted.example", "days": 14}
    )
    assert response.status_code == 302
    client = client_for(inspector)
    assert "Evidence packs shared with you" in client.get(reverse("dashboard")).text
    assert reverse("evidence_download", args=[pack.pk]) in client.get(reverse("shared_evidence")).text
    download = client.get(reverse("evidence_download", args=[pack.pk]))
    assert download.status_code == 200
    assert zip_of(b"".join(download.streaming_content)).namelist()
    assert EvidenceDownload.objects.get().user == inspector
    assert client.get(reverse("evidence_download", args=[other_pack.pk])).status_code == 404
    assert client.get(reverse("evidence_detail", args=[pack.pk])).status_code == 404
    assert client.get(reverse("child_detail", args=[pack.home.children.first().pk])).status_code == 404


def test_withdrawn_or_expired_access_ends(client_for, manager, inspector, pack):
    share = services.evidence_share_with_account(pack=pack, inspector=inspector, user=manager)
    client_for(manager).post(reverse("evidence_revoke", args=[share.pk]))
    assert client_for(inspector).get(reverse("evidence_download", args=[pack.pk])).status_code == 404
    expired = services.evidence_share_with_account(pack=pack, inspector=inspector, user=manager)
    EvidenceShare.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client_for(inspector).get(reverse("evidence_download", args=[pack.pk])).status_code == 404


def test_staff_of_the_provider_are_not_inspectors(manager, staff, pack):
    with pytest.raises(ValidationError) as error:
        services.evidence_share_with_account(pack=pack, inspector=staff, user=manager)
    assert services.INSPECTOR_WORKS_HERE.format(person=staff) in error.value.messages


def test_a_pack_is_shared_once_it_is_built(home, manager, inspector):
    unbuilt = EvidencePackFactory(home=home)
    with pytest.raises(ValidationError) as error:
        services.evidence_share_with_account(pack=unbuilt, inspector=inspector, user=manager)
    assert services.PACK_NOT_READY in error.value.messages


def test_a_share_is_withdrawn_once(manager, inspector, pack):
    share = services.evidence_share_with_account(pack=pack, inspector=inspector, user=manager)
    services.evidence_share_revoke(share=share, user=manager)
    with pytest.raises(ValidationError) as error:
        services.evidence_share_revoke(share=share, user=manager)
    assert services.ALREADY_REVOKED in error.value.messages


# --- sharing with an access code ---------------------------------------------------------------


def _issue_code(client, pack) -> str:
    response = client.post(
        reverse("evidence_share_code", args=[pack.pk]), {"recipient": "Ofsted, R. Patel", "days": 14}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    return response.text.split("data-code>")[1].split("<")[0]


def test_an_access_code_opens_the_pack_without_an_account(client, client_for, manager, pack):
    code = _issue_code(client_for(manager), pack)
    share = EvidenceShare.objects.get()
    assert share.code_sha256 and code not in share.code_sha256  # only the digest is kept
    assert client.get(reverse("evidence_access")).status_code == 200
    response = client.post(reverse("evidence_access"), {"code": code.lower()})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    logged = EvidenceDownload.objects.get()
    assert logged.share == share and logged.user is None and logged.address == "127.0.0.1"


@pytest.mark.parametrize("how", ["wrong", "withdrawn", "expired"])
def test_a_code_that_does_not_open_a_pack_says_so(client, client_for, manager, pack, how):
    code = _issue_code(client_for(manager), pack)
    share = EvidenceShare.objects.get()
    if how == "wrong":
        code = "A" * len(code)
    elif how == "withdrawn":
        services.evidence_share_revoke(share=share, user=manager)
    else:
        EvidenceShare.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(reverse("evidence_access"), {"code": code})
    assert response.status_code == 200 and CODE_NOT_VALID in response.text
    assert not EvidenceDownload.objects.exists()


def test_guessing_codes_is_throttled_per_ip_and_recorded(client, client_for, manager, pack):
    """Ten wrong codes an hour from one address (settings.EVIDENCE_CODE_TRIES_PER_HOUR): the 11th try
    is refused even with the right code; other addresses are not affected; the hour passes."""
    code = _issue_code(client_for(manager), pack)
    for _ in range(10):
        response = client.post(reverse("evidence_access"), {"code": "A" * len(code)}, REMOTE_ADDR="192.0.2.5")
        assert response.status_code == 200 and CODE_NOT_VALID in response.text
    response = client.post(reverse("evidence_access"), {"code": code}, REMOTE_ADDR="192.0.2.5")
    assert response.status_code == 429 and CODE_TRIES_EXHAUSTED in response.text
    assert not EvidenceDownload.objects.exists()
    refused = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.EVIDENCE_CODE_REFUSED, ip_address="192.0.2.5")
    assert refused.count() == 10
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.EVIDENCE_CODE_THROTTLED).count() == 1

    response = client.post(reverse("evidence_access"), {"code": code}, REMOTE_ADDR="198.51.100.7")
    assert response["Content-Type"] == "application/zip"
    SecurityEvent.objects.update(at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    response = client.post(reverse("evidence_access"), {"code": code}, REMOTE_ADDR="192.0.2.5")
    assert response["Content-Type"] == "application/zip"


# --- the persona matrix ---------------------------------------------------------------------------


# (view, method, status for the manager, the method it refuses)
MATRIX = [
    ("evidence_list", "get", 200, "put"),
    ("evidence_list", "post", 302, "put"),
    ("evidence_detail", "get", 200, "post"),
    ("evidence_retry", "post", 302, "get"),
    ("evidence_share_account", "post", 302, "get"),
    ("evidence_share_code", "post", 302, "get"),
    ("evidence_download", "get", 200, "post"),
    ("evidence_revoke", "post", 302, "get"),
]


@pytest.mark.parametrize(
    ("view", "method", "manager_status", "refused"), MATRIX, ids=[f"{v}-{m}" for v, m, *_ in MATRIX]
)
def test_persona_matrix(
    client_for, manager, staff, assessor, other_manager, inspector, pack, view, method, manager_status, refused
):
    share = services.evidence_share_with_account(pack=pack, inspector=inspector, user=manager)
    args = {"evidence_list": [pack.home.pk], "evidence_revoke": [share.pk]}.get(view, [pack.pk])
    url = reverse(view, args=args)
    assert getattr(client_for(other_manager), method)(url).status_code == 404
    assert getattr(client_for(staff), method)(url).status_code == 403
    assert getattr(client_for(assessor), method)(url).status_code == 403
    assert getattr(client_for(manager), refused)(url).status_code == 405
    assert (
        getattr(client_for(manager), method)(url, PERIOD if view == "evidence_list" else {}).status_code
        == manager_status
    )


def test_the_inspector_pages_refuse_other_methods(client, client_for, inspector):
    assert client_for(inspector).post(reverse("shared_evidence")).status_code == 405
    assert client.put(reverse("evidence_access")).status_code == 405
    assert client.get(reverse("shared_evidence")).status_code == 302  # log in first


def test_the_pack_list_query_count_does_not_grow(client_for, manager, home, inspector, pack):
    client = client_for(manager)
    url = reverse("evidence_list", args=[home.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for _ in range(3):
        services.evidence_share_with_account(
            pack=EvidencePackFactory(home=home, status="ready", file="x.zip", sha256="0" * 64),
            inspector=inspector,
            user=manager,
        )
    assert count() == few


def test_the_sweep_requeues_a_lost_pack_build(home, manager, monkeypatch, django_capture_on_commit_callbacks):
    from homes.builds import STALE_AFTER
    from homes.tasks import requeue_stale_builds

    monkeypatch.setattr(extensions, "evidence_sections", {})
    lost = EvidencePackFactory(home=home, status="building", status_changed_at=timezone.now() - 2 * STALE_AFTER)
    busy = EvidencePackFactory(home=home, status="building")
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_builds() == 1
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == EvidencePack.Status.READY and busy.status == EvidencePack.Status.BUILDING
