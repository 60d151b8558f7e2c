"""Build a home's evidence pack the way the worker does, with every app's registered section,
and read it back: the ZIP, its index rows, and a PDF's text (pdftotext)."""

import csv
import datetime
import hashlib
import io
import subprocess
import zipfile

from homes.models import Home, User
from tracker.models import EvidencePack
from tracker.services.evidence import evidence_pack_build, evidence_pack_request


def build_pack(*, home: Home, user: User, start: datetime.date, end: datetime.date) -> zipfile.ZipFile:
    """The built pack's ZIP. The build is called directly (not queued) so that the test runs the
    same inline or with REDIS_URL set."""
    pack = evidence_pack_build(
        pack_id=evidence_pack_request(home=home, user=user, period_start=start, period_end=end).pk
    )
    assert pack.status == EvidencePack.Status.READY, pack.error
    return zipfile.ZipFile(io.BytesIO(pack.file.read()))


def index_rows(archive: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    """index.csv by file path, each row's SHA-256 checked against the file in the ZIP."""
    rows = {row["file"]: row for row in csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig")))}
    for path, row in rows.items():
        content = archive.read(path)
        assert row["sha256"] == hashlib.sha256(content).hexdigest(), path
        assert int(row["bytes"]) == len(content), path
    return rows


def pdf_text(content: bytes) -> str:
    """The PDF's words, with line breaks from wrapped table cells made single spaces."""
    result = subprocess.run(["pdftotext", "-", "-"], input=content, check=True, capture_output=True)
    return " ".join(result.stdout.decode("utf-8").split())
