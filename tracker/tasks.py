"""Celery tasks: each takes ids, and does its work in a service."""

import logging
from collections.abc import Callable

from celery import Task, shared_task
from django.utils import timezone

from tracker.models import MonthlyTracker, ReviewReport
from tracker.months import first_of, previous_month
from tracker.services.evidence import evidence_pack_build, evidence_pack_mark_failed, evidence_pack_requeue_stale
from tracker.services.report import report_build, report_enqueue, report_mark_failed, report_requeue_stale
from tracker.services.tracker import tracker_open_month

logger = logging.getLogger(__name__)


class BuildTask(Task):
    """Builds a file (a review PDF, an evidence pack) from the id of its row. Failures retry with
    backoff; once the retries are used up, `on_failure` marks the row failed with the error, so
    the page shows it beside a retry button."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True
    mark_failed: Callable[[int, BaseException], None]

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        object_id = args[0] if args else next(iter(kwargs.values()), None)
        if object_id is not None:
            type(self).mark_failed(object_id, exc)


class ReportTask(BuildTask):
    @staticmethod
    def mark_failed(report_id: int, exc: BaseException) -> None:
        report_mark_failed(report_id=report_id, error=exc)


class EvidencePackTask(BuildTask):
    @staticmethod
    def mark_failed(pack_id: int, exc: BaseException) -> None:
        evidence_pack_mark_failed(pack_id=pack_id, error=exc)


@shared_task(base=ReportTask)
def build_report(report_id: int) -> str:
    return report_build(report_id=report_id).status


@shared_task(base=EvidencePackTask)
def build_evidence_pack(pack_id: int) -> str:
    return evidence_pack_build(pack_id=pack_id).status


@shared_task
def open_month_trackers() -> int:
    """Runs daily (see CELERY_BEAT_SCHEDULE): on the 1st it opens the month's trackers, and on
    other days it catches children admitted since, or a day the scheduler was down."""
    opened = tracker_open_month(month=first_of(timezone.localdate()))
    logger.info("Opened %s monthly trackers", opened)
    return opened


@shared_task
def build_last_months_meeting_packs() -> int:
    """After a month closes, queue the meeting pack of each of its trackers that has none yet."""
    month = previous_month(timezone.localdate())
    tracker_open_month(month=month)
    queued = 0
    trackers = MonthlyTracker.objects.filter(month=month, locked_at__isnull=True).exclude(
        reports__kind=ReviewReport.Kind.MEETING_PACK
    )
    for tracker in trackers:
        report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
        queued += 1
    return queued


@shared_task
def requeue_stale_reports() -> int:
    """Review PDFs and evidence packs whose build was lost with its worker are queued again."""
    return report_requeue_stale() + evidence_pack_requeue_stale()
