"""Issue 14: the evidence pack is written to a temporary file entry by entry and moved into
storage; its contents and hashes are as they were when it was built in memory."""

import csv
import hashlib
import io
import os
import tracemalloc
import zipfile

import pytest
from django.utils import timezone

from homes import extensions
from tests.tracker.factories import LAST_MONTH
from tracker.models import EvidencePack, ReviewReport
from tracker.months import previous_month
from tracker.services import evidence as services
from tracker.services.report import report_build, report_enqueue

PERIOD = {"period_start": previous_month(LAST_MONTH), "period_end": timezone.localdate()}
MEGABYTE = 1024 * 1024


@pytest.fixture
def uploads_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "tmp"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.FILE_UPLOAD_TEMP_DIR


def build(home, manager) -> EvidencePack:
    pack = services.evidence_pack_request(home=home, user=manager, **PERIOD)
    return services.evidence_pack_build(pack_id=pack.pk)


def register(monkeypatch, files) -> None:
    monkeypatch.setattr(extensions, "evidence_sections", {})
    extensions.register_evidence_section(extensions.EvidenceSection(name="notes", files=files, label="Notes"))


def test_entries_and_hashes_match_what_the_sections_gave(monkeypatch, uploads_tmp, home, manager, tracker):
    report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)
    given = {"a.txt": b"first", "b/c.csv": "name,\u00e9\n".encode(), "empty.txt": b""}
    register(monkeypatch, lambda home, start, end: iter(given.items()))
    pack = build(home, manager)
    assert pack.status == EvidencePack.Status.READY, pack.error
    content = pack.file.read()
    assert pack.sha256 == hashlib.sha256(content).hexdigest()
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig")))}
    for name, data in given.items():
        assert archive.read(f"notes/{name}") == data
        assert rows[f"notes/{name}"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert rows[f"notes/{name}"]["bytes"] == str(len(data))
    (review,) = [path for path in rows if path.startswith("reviews/")]
    stored = ReviewReport.objects.get().file.read()
    assert archive.read(review) == stored
    assert rows[review]["sha256"] == hashlib.sha256(stored).hexdigest() == ReviewReport.objects.get().sha256
    assert pack.file_count == 5 and pack.contents[-1] == {"label": "Notes", "count": 3}
    assert os.listdir(uploads_tmp) == []  # moved into storage, nothing left behind


def test_a_failed_build_leaves_no_temporary_file(monkeypatch, uploads_tmp, home, manager):
    def broken(home, start, end):
        yield "one.txt", b"fine"
        raise OSError("disk full")

    register(monkeypatch, broken)
    with pytest.raises(OSError):
        build(home, manager)
    assert os.listdir(uploads_tmp) == []
    assert EvidencePack.objects.get().status == EvidencePack.Status.QUEUED


def test_memory_stays_flat_however_large_the_pack(monkeypatch, uploads_tmp, home, manager):
    """Forty 1 MB files that do not compress: building in memory held the whole 40 MB ZIP."""
    files = 1

    def large(home, start, end):
        for n in range(files):
            yield f"{n}.bin", os.urandom(MEGABYTE)

    register(monkeypatch, large)
    # A first, small pack untraced: what the first build of a process sets up once (imports,
    # templates, fonts) is not the pack's memory, whichever test the process ran before.
    build(home, manager)
    files = 40
    tracemalloc.start()
    try:
        pack = build(home, manager)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert pack.file.size > 40 * MEGABYTE
    assert peak < 8 * MEGABYTE, f"peak {peak / MEGABYTE:.1f} MB"
