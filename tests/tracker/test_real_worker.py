"""The review PDFs built by a real Celery worker, through the real Redis broker.

Runs wherever REDIS_URL is set (CI sets it); skipped locally without it. The worker runs in
a thread of this process (celery.contrib.testing.worker) and reads the rows the test has
committed, hence transactional tests."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.utils import timezone

from tests.tracker.factories import MeetingFactory
from tracker.models import ReviewReport
from tracker.services.meeting import meeting_sign
from tracker.services.report import report_enqueue

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no broker to run a worker on"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("real-broker"),  # one Redis queue: one test process uses it at a time
]

WAIT_SECONDS = 60


@pytest.fixture
def worker(celery_conf):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    celery_conf(task_always_eager=False)
    assert app.conf.broker_url.startswith("redis://")
    app.control.purge()  # nothing left over from an earlier run
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30):
        yield


def wait_until_finished(report_id: int) -> ReviewReport:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        report = ReviewReport.objects.get(pk=report_id)
        if report.status in {ReviewReport.Status.READY, ReviewReport.Status.FAILED}:
            return report
        time.sleep(0.2)
    pytest.fail(f"Report {report_id} was not built within {WAIT_SECONDS}s")


def pdf_text(report: ReviewReport) -> str:
    if not shutil.which("pdftotext"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(report.file.path).pages)
    return subprocess.run(["pdftotext", report.file.path, "-"], check=True, capture_output=True, text=True).stdout


def test_a_worker_builds_the_meeting_pack_and_the_review_record(worker, tracker, manager, assessor):
    pack = report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    again = report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    assert again.pk == pack.pk
    pack = wait_until_finished(pack.pk)
    assert pack.status == ReviewReport.Status.READY, pack.error
    assert pack.attempts == 1  # queued twice, built once
    assert "Siobhán" in pdf_text(pack) and "Page 1 of " in pdf_text(pack)

    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, decisions="A weekly swim.")
    meeting_sign(tracker=tracker, user=manager)
    meeting_sign(tracker=tracker, user=assessor)
    record = wait_until_finished(ReviewReport.objects.get(kind=ReviewReport.Kind.REVIEW_RECORD).pk)
    assert record.status == ReviewReport.Status.READY, record.error
    assert "A weekly swim." in pdf_text(record)
    assert ReviewReport.objects.count() == 2


def test_a_worker_marks_a_lost_build_retried_from_the_button(worker, tracker):
    from tracker.models.report import STALE_AFTER
    from tracker.services.report import report_retry

    lost = ReviewReport.objects.create(
        tracker=tracker,
        kind=ReviewReport.Kind.MEETING_PACK,
        status=ReviewReport.Status.BUILDING,
        status_changed_at=timezone.now() - STALE_AFTER * 2,
        attempts=1,
    )
    report_retry(report=lost)
    report = wait_until_finished(lost.pk)
    assert report.status == ReviewReport.Status.READY and report.attempts == 2
    assert ReviewReport.objects.count() == 1


def test_a_worker_builds_an_evidence_pack(worker, tracker, manager, monkeypatch):
    import zipfile

    from homes import extensions
    from tracker.models import EvidencePack
    from tracker.services.evidence import evidence_pack_request

    monkeypatch.setattr(extensions, "evidence_sections", {})
    pack = evidence_pack_request(
        home=tracker.child.home, period_start=tracker.month, period_end=timezone.localdate(), user=manager
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        pack.refresh_from_db()
        if pack.status in {EvidencePack.Status.READY, EvidencePack.Status.FAILED}:
            break
        time.sleep(0.2)
    assert pack.status == EvidencePack.Status.READY, pack.error
    assert zipfile.ZipFile(pack.file.path).namelist() == ["00-cover.pdf", "index.csv"]


@pytest.mark.skipif(
    "sqlite" in os.environ.get("DATABASE_URL", "sqlite"), reason="a worker process needs the test database on a server"
)
def test_a_worker_killed_mid_build_leaves_a_report_that_is_retried_without_a_duplicate(tracker, celery_conf, settings):
    """A worker process is killed (SIGKILL) while it renders; the report stays "building" until
    it is stale, is then retried, and a new worker builds the same row."""
    import signal
    import subprocess
    import sys
    import uuid

    from celery.contrib.testing.worker import start_worker
    from django.core.exceptions import ValidationError
    from django.db import connection

    from config.celery import app
    from tracker.models.report import STALE_AFTER
    from tracker.services.report import report_retry

    # Long enough to render for a few seconds, so the kill lands mid-build.
    tracker.psychotherapy_progress = "\n\n".join(f"Session {n}: talked about school and home." for n in range(1500))
    tracker.save()
    celery_conf(task_always_eager=False)
    app.control.purge()
    db = connection.settings_dict
    password = db["PASSWORD"] or ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING"]
    name = f"doomed-{uuid.uuid4().hex}@{socket.gethostname()}"
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", name]
    doomed = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603 - our own command line
    try:
        # On a busy CI machine a new worker can take long to start: the build is sent once it
        # answers, so the wait below times the build, not the start.
        deadline = time.monotonic() + 2 * WAIT_SECONDS
        while not app.control.ping(destination=[name], timeout=1):
            assert doomed.poll() is None and time.monotonic() < deadline, "the worker did not start"
        report = report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
        deadline = time.monotonic() + WAIT_SECONDS
        while (row := ReviewReport.objects.get(pk=report.pk)).status != ReviewReport.Status.BUILDING:
            state = (row.status, row.attempts, row.awaiting_builder, row.error)
            assert time.monotonic() < deadline, f"the worker never started the build: {state}"
            time.sleep(0.05)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)
    finally:
        if doomed.poll() is None:
            doomed.kill()
    time.sleep(1)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.BUILDING and report.attempts == 1
    with pytest.raises(ValidationError):
        report_retry(report=report)  # not yet: it could still be building

    ReviewReport.objects.filter(pk=report.pk).update(status_changed_at=timezone.now() - STALE_AFTER * 2)
    report.refresh_from_db()
    with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30):
        report_retry(report=report)
        report = wait_until_finished(report.pk)
    assert report.status == ReviewReport.Status.READY, report.error
    assert report.attempts == 2
    assert ReviewReport.objects.filter(tracker=tracker).count() == 1
    assert "Page 1 of" in pdf_text(report)
