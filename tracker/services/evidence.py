"""Evidence packs for inspectors: build one ZIP in a worker, share it, log every download."""

import base64
import datetime
import hashlib
import io
import os
import secrets
import tempfile
import zipfile
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from homes import builds, extensions
from homes.exports import csv_writer, safe_slug, zip_entry_name
from homes.models import Home, User
from tracker.models import EvidenceDownload, EvidencePack, EvidenceShare, ReviewReport
from tracker.models.evidence import CODE_LENGTH, code_digest, evidence_upload_to
from tracker.months import first_of
from tracker.services.evidence_cover import COVER_LABEL, COVER_PATH, CoverEntry, evidence_cover_pdf

PERIOD_IN_FUTURE = "The period cannot end in the future."
PERIOD_BACKWARDS = "The period must end on or after the day it starts."
PACK_NOT_READY = "Share the pack once it has been built."
INSPECTOR_WORKS_HERE = "Share with an inspector's own account: {person} holds a role in the provider's homes."
PACK_NOT_RETRYABLE = "Only a pack that failed, or one stuck for more than ten minutes, can be built again."
EXPIRY_IN_PAST = "The access must end in the future."
ALREADY_REVOKED = "This access has already been withdrawn."
# How the inspector's dashboard names the review PDFs a pack holds.
REVIEWS_LABEL = "Monthly review records and meeting packs"
# The monthly reviews show each child's progress against their plan.
REVIEWS_JUDGEMENT = extensions.EXPERIENCES_AND_PROGRESS
COPY_CHUNK = 1024 * 1024


BUILD_TASK = "tracker.tasks.build_evidence_pack"


@transaction.atomic
def evidence_pack_request(
    *, home: Home, period_start: datetime.date, period_end: datetime.date, user: User
) -> EvidencePack:
    if period_end < period_start:
        raise ValidationError({"period_end": PERIOD_BACKWARDS})
    if period_end > timezone.localdate():
        raise ValidationError({"period_end": PERIOD_IN_FUTURE})
    pack = EvidencePack(home=home, period_start=period_start, period_end=period_end, requested_by=user)
    pack.full_clean()
    pack.save()
    transaction.on_commit(lambda: builds.send_build(BUILD_TASK, pack.pk))
    return pack


@transaction.atomic
def evidence_pack_retry(*, pack: EvidencePack) -> EvidencePack:
    pack = EvidencePack.objects.select_for_update().get(pk=pack.pk)
    if not pack.can_retry:
        raise ValidationError(PACK_NOT_RETRYABLE)
    return builds.requeue(pack, BUILD_TASK)


def _review_files(pack: EvidencePack):
    """(path in the ZIP, description, content) for each ready review PDF in the period; the
    content is the stored file, opened, copied into the ZIP in chunks."""
    reports = (
        ReviewReport.objects.filter(
            tracker__child__home_id=pack.home_id,
            tracker__month__gte=first_of(pack.period_start),
            tracker__month__lte=pack.period_end,
            status=ReviewReport.Status.READY,
        )
        .select_related("tracker__child")
        .order_by("tracker__child__preferred_name", "tracker__child_id", "tracker__month", "kind")
    )
    for report in reports:
        child, month = report.tracker.child, report.tracker.month
        folder = f"{child.pk}-{safe_slug(child.preferred_name)}"
        path = zip_entry_name("reviews", folder, f"{month:%Y-%m} {report.get_kind_display().lower()}.pdf")
        with report.file.open("rb") as handle:
            yield path, f"{report.get_kind_display()}, {child.preferred_name}, {month:%B %Y}", handle


def _section_files(pack: EvidencePack, name: str, section: extensions.EvidenceSection):
    for filename, content in section.files(pack.home, pack.period_start, pack.period_end):
        # Sections name their own files; each segment is made safe here all the same.
        yield zip_entry_name(name, filename), _section_label(name, section), content


def _section_label(name: str, section: extensions.EvidenceSection) -> str:
    return section.label or name.capitalize()


def _sources(pack: EvidencePack):
    """(what the inspector is told it is, the SCCIF judgement it evidences, its files) for the
    reviews and each app's section."""
    yield REVIEWS_LABEL, REVIEWS_JUDGEMENT, _review_files(pack)
    for name, section in sorted(extensions.evidence_sections.items()):
        yield _section_label(name, section), section.judgement, _section_files(pack, name, section)


def _write_entry(archive: zipfile.ZipFile, path: str, content: bytes | BinaryIO) -> tuple[int, str]:
    """One file into the ZIP, from bytes or copied from an open file in chunks; its size and
    SHA-256, worked out as it is written."""
    digest, size = hashlib.sha256(), 0
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    with archive.open(path, "w", force_zip64=True) as entry:
        while chunk := source.read(COPY_CHUNK):
            entry.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def render_evidence_zip(pack: EvidencePack, target: BinaryIO) -> list[dict]:
    """Write the pack's ZIP into `target` (a file), entry by entry: no more than one file's
    content is held in memory at a time (the review PDFs not even that), however long the
    period. Returns what it holds besides its index: [{"label", "count"}] per section with
    files, which the inspector's dashboard describes (issue 13).

    The cover comes first in the ZIP but lists every other file, so the files are written to a
    staging ZIP on disk first (stored, not compressed), then copied in after the cover."""
    index = io.StringIO()
    writer = csv_writer(index)
    writer.writerow(["file", "description", "judgement", "bytes", "sha256"])
    contents, entries = [{"label": COVER_LABEL, "count": 1}], []
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as staging_file:
        with zipfile.ZipFile(staging_file, "w", compression=zipfile.ZIP_STORED) as staging:
            for label, judgement, files in _sources(pack):
                count = 0
                for path, description, content in files:
                    size, sha256 = _write_entry(staging, path, content)
                    entries.append(CoverEntry(path, description, judgement, size, sha256))
                    count += 1
                if count:
                    contents.append({"label": label, "count": count})
        cover = evidence_cover_pdf(pack, entries)
        with (
            zipfile.ZipFile(staging_file, "r") as staging,
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            size, sha256 = _write_entry(archive, COVER_PATH, cover)
            writer.writerow([COVER_PATH, COVER_LABEL, "", size, sha256])
            # By position, not by name: a name a section used twice still copies both files.
            for entry, info in zip(entries, staging.infolist(), strict=True):
                with staging.open(info) as content:
                    _write_entry(archive, entry.path, content)
                writer.writerow([entry.path, entry.description, entry.judgement, entry.size, entry.sha256])
            archive.writestr("index.csv", index.getvalue().encode("utf-8-sig"))
    return contents


class _BuiltFile(File):
    """The ZIP written to a temporary file, handed to storage: the file system storage moves
    it into place (`temporary_file_path`, as for a large upload) instead of copying it."""

    def __init__(self, handle: BinaryIO, path: str) -> None:
        super().__init__(handle, name=path)
        self.path = path

    def temporary_file_path(self) -> str:
        return self.path


def _file_sha256(handle: BinaryIO) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    while chunk := handle.read(COPY_CHUNK):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def evidence_pack_build(*, pack_id: int) -> EvidencePack:
    """Runs in a Celery worker; the same shape as report_build."""
    pack = builds.claim_build(EvidencePack, pack_id)
    if pack is None:
        return EvidencePack.objects.get(pk=pack_id)
    # The ZIP goes to a temporary file (next to the uploads' temporary files), then into storage.
    descriptor, temporary = tempfile.mkstemp(suffix=".zip", dir=settings.FILE_UPLOAD_TEMP_DIR)
    try:
        with os.fdopen(descriptor, "w+b") as handle:
            try:
                contents = render_evidence_zip(pack, handle)
            except Exception as exc:
                builds.keep_for_retry(EvidencePack, pack_id, exc)
                raise
            sha256 = _file_sha256(handle)
            with transaction.atomic():
                pack = EvidencePack.objects.select_for_update().get(pk=pack_id)
                pack.file.save(evidence_upload_to(pack, ""), _BuiltFile(handle, temporary), save=False)
                pack.sha256 = sha256
                pack.file_count = sum(section["count"] for section in contents)
                pack.contents = contents
                pack.built_at = pack.status_changed_at = timezone.now()
                pack.status, pack.error = EvidencePack.Status.READY, ""
                pack.save()
    finally:
        if os.path.exists(temporary):  # moved into storage when all went well
            os.unlink(temporary)
    return pack


def _check_shareable(pack: EvidencePack, expires_at: datetime.datetime) -> None:
    if pack.status != EvidencePack.Status.READY:
        raise ValidationError(PACK_NOT_READY)
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": EXPIRY_IN_PAST})


@transaction.atomic
def evidence_share_with_account(
    *, pack: EvidencePack, inspector: User, user: User, expires_at: datetime.datetime | None = None
) -> EvidenceShare:
    """Inspectors have their own accounts with no role in any home, so they see nothing but
    the packs shared with them."""
    expires_at = expires_at or EvidenceShare.default_expiry()
    _check_shareable(pack, expires_at)
    if inspector.memberships.exists() or inspector.provider_role:
        raise ValidationError({"inspector": INSPECTOR_WORKS_HERE.format(person=inspector)})
    share = EvidenceShare(
        pack=pack, inspector=inspector, recipient=str(inspector), expires_at=expires_at, shared_by=user
    )
    share.full_clean()
    share.save()
    return share


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_LENGTH * 5 // 8)).decode()[:CODE_LENGTH]


@transaction.atomic
def evidence_share_with_code(
    *, pack: EvidencePack, recipient: str, user: User, expires_at: datetime.datetime | None = None
) -> tuple[EvidenceShare, str]:
    """The code is returned once, to be given to the inspector; only its digest is kept."""
    expires_at = expires_at or EvidenceShare.default_expiry()
    _check_shareable(pack, expires_at)
    code = new_code()
    share = EvidenceShare(
        pack=pack, code_sha256=code_digest(code), recipient=recipient, expires_at=expires_at, shared_by=user
    )
    share.full_clean()
    share.save()
    return share, code


@transaction.atomic
def evidence_share_revoke(*, share: EvidenceShare, user: User) -> EvidenceShare:
    share = EvidenceShare.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at:
        raise ValidationError(ALREADY_REVOKED)
    share.revoked_at, share.revoked_by = timezone.now(), user
    share.save(update_fields=["revoked_at", "revoked_by"])
    return share


def evidence_share_for_code(code: str) -> EvidenceShare | None:
    """The active share this code opens, or None (expired, withdrawn or never issued alike)."""
    if not code.strip():
        return None
    return EvidenceShare.objects.active().select_related("pack__home").filter(code_sha256=code_digest(code)).first()


def evidence_download_log(
    *, pack: EvidencePack, user: User | None, share: EvidenceShare | None, address: str | None
) -> EvidenceDownload:
    return EvidenceDownload.objects.create(pack=pack, user=user, share=share, address=address)
