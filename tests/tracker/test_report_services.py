import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from homes import builds
from tracker.models import ReviewReport
from tracker.models.report import STALE_AFTER
from tracker.services import report as services

PACK = ReviewReport.Kind.MEETING_PACK


@pytest.fixture
def sent(monkeypatch):
    """The report ids handed to Celery, instead of building them."""
    ids: list[int] = []
    monkeypatch.setattr(builds, "send_build", lambda task, report_id: ids.append(report_id))
    return ids


def test_enqueueing_twice_gives_one_report_and_one_build(tracker, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_enqueue(tracker=tracker, kind=PACK)
        second = services.report_enqueue(tracker=tracker, kind=PACK)
    assert first == second and ReviewReport.objects.count() == 1
    assert sent == [first.pk]


def test_the_build_is_queued_only_after_commit(tracker, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_enqueue(tracker=tracker, kind=PACK)
    assert sent == [] and len(callbacks) == 1


def test_the_review_record_waits_for_both_signatures(tracker):
    with pytest.raises(ValidationError) as error:
        services.report_enqueue(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD)
    assert services.REVIEW_RECORD_NEEDS_SIGNATURES in error.value.messages


def test_building_keeps_the_pdf_and_its_sha256(tracker):
    report = services.report_enqueue(tracker=tracker, kind=PACK)
    report = services.report_build(report_id=report.pk)
    content = report.file.read()
    assert report.status == ReviewReport.Status.READY and report.attempts == 1
    assert content.startswith(b"%PDF")
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    assert report.built_at is not None and report.error == ""


def test_a_ready_report_is_not_built_again(tracker, sent):
    report = services.report_build(report_id=services.report_enqueue(tracker=tracker, kind=PACK).pk)
    assert services.report_build(report_id=report.pk).attempts == 1
    assert services.report_enqueue(tracker=tracker, kind=PACK).status == ReviewReport.Status.READY


def test_rebuilding_a_ready_pack_replaces_its_file(tracker, sent, django_capture_on_commit_callbacks):
    report = services.report_build(report_id=services.report_enqueue(tracker=tracker, kind=PACK).pk)
    old_path = report.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.report_enqueue(tracker=tracker, kind=PACK, rebuild=True)
        report = services.report_build(report_id=report.pk)
    assert report.status == ReviewReport.Status.READY and report.attempts == 2
    assert report.file.storage.exists(report.file.name)
    assert report.file.path == old_path or not report.file.storage.exists(old_path)


def test_a_signed_months_pack_is_not_rebuilt(tracker, sent):
    report = services.report_build(report_id=services.report_enqueue(tracker=tracker, kind=PACK).pk)
    tracker.locked_at = timezone.now()
    tracker.save()
    assert services.report_enqueue(tracker=tracker, kind=PACK, rebuild=True).status == ReviewReport.Status.READY
    report.refresh_from_db()
    assert report.attempts == 1


def _fail_rendering(monkeypatch):
    def broken(report_id):
        raise OSError("Pango could not load a font")

    monkeypatch.setattr("tracker.pdf.render_report_pdf", broken)


@pytest.fixture
def worker_like_retries(celery_conf):
    """Inline tasks that retry as a worker does, rather than raising at the first failure."""
    celery_conf(task_eager_propagates=False)


def test_a_failing_build_retries_then_shows_the_error(
    tracker, monkeypatch, worker_like_retries, django_capture_on_commit_callbacks
):
    """The real task: autoretry runs it again (max_retries=3), then on_failure marks it failed."""
    _fail_rendering(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_enqueue(tracker=tracker, kind=PACK)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.FAILED
    assert report.error == "OSError: Pango could not load a font"
    assert report.attempts == 4
    assert report.can_retry


def test_inline_a_failing_build_shows_the_error_at_once(tracker, monkeypatch, django_capture_on_commit_callbacks):
    """Without a broker (make run) the build runs in the request: it fails once, visibly."""
    _fail_rendering(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_enqueue(tracker=tracker, kind=PACK)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.FAILED
    assert report.error == "OSError: Pango could not load a font"
    assert report.attempts == 1


def test_the_build_task_retries_with_backoff():
    from tracker.tasks import build_report

    assert build_report.max_retries == 3 and build_report.retry_backoff and build_report.acks_late
    assert Exception in build_report.autoretry_for


def test_a_failed_report_can_be_retried(tracker, monkeypatch, django_capture_on_commit_callbacks):
    _fail_rendering(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_enqueue(tracker=tracker, kind=PACK)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.READY and report.error == ""
    assert ReviewReport.objects.count() == 1


def _stuck_building(tracker, age: datetime.timedelta) -> ReviewReport:
    return ReviewReport.objects.create(
        tracker=tracker, kind=PACK, status=ReviewReport.Status.BUILDING, status_changed_at=timezone.now() - age
    )


def test_a_build_in_progress_cannot_be_retried_or_built_twice(tracker, sent):
    report = _stuck_building(tracker, datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        services.report_retry(report=report)
    assert services.REPORT_NOT_RETRYABLE in error.value.messages
    assert services.report_build(report_id=report.pk).status == ReviewReport.Status.BUILDING
    assert services.report_enqueue(tracker=tracker, kind=PACK).status == ReviewReport.Status.BUILDING
    assert sent == []


def test_a_ready_report_cannot_be_retried(tracker):
    report = services.report_build(report_id=services.report_enqueue(tracker=tracker, kind=PACK).pk)
    with pytest.raises(ValidationError):
        services.report_retry(report=report)


def test_a_build_lost_with_its_worker_can_be_retried(tracker, django_capture_on_commit_callbacks):
    report = _stuck_building(tracker, STALE_AFTER + datetime.timedelta(minutes=1))
    assert report.is_stale and report.can_retry
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.READY
    assert ReviewReport.objects.count() == 1


def test_the_sweep_requeues_only_lost_builds(tracker, child, sent, django_capture_on_commit_callbacks):
    from tests.tracker.factories import TrackerFactory
    from tracker.months import previous_month

    lost = _stuck_building(tracker, STALE_AFTER * 2)
    busy = _stuck_building(TrackerFactory(child=child, month=previous_month(tracker.month)), datetime.timedelta(0))
    with django_capture_on_commit_callbacks(execute=True):
        assert builds.requeue_stale(services.BUILD_TASK) == 1
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == ReviewReport.Status.QUEUED and busy.status == ReviewReport.Status.BUILDING
    assert sent == [lost.pk]


def test_enqueueing_a_lost_build_queues_it_again(tracker, sent, django_capture_on_commit_callbacks):
    report = _stuck_building(tracker, STALE_AFTER * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_enqueue(tracker=tracker, kind=PACK).status == ReviewReport.Status.QUEUED
    assert sent == [report.pk]


def test_an_unreachable_broker_leaves_the_report_queued(
    tracker, monkeypatch, celery_conf, django_capture_on_commit_callbacks
):
    celery_conf(task_always_eager=False)

    def no_broker(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr("tracker.tasks.build_report.delay", no_broker)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_enqueue(tracker=tracker, kind=PACK)
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.QUEUED


def test_last_months_packs_are_queued_after_the_month_closes(
    child, other_home, sent, django_capture_on_commit_callbacks
):
    from tests.factories import ChildFactory
    from tracker.tasks import build_last_months_meeting_packs

    ChildFactory(home=other_home)
    with django_capture_on_commit_callbacks(execute=True):
        assert build_last_months_meeting_packs() == 2
        assert build_last_months_meeting_packs() == 0
    assert ReviewReport.objects.filter(kind=PACK).count() == 2 and len(sent) == 2
