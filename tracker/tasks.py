"""Celery tasks: each takes ids, and does its work in a service."""

import logging

from celery import shared_task
from django.utils import timezone

from homes.builds import BuildTask
from tracker.models import EvidencePack, MonthlyTracker, ReviewReport
from tracker.months import first_of, previous_month
from tracker.services.evidence import evidence_pack_build
from tracker.services.report import report_build, report_enqueue
from tracker.services.tracker import tracker_open_month

logger = logging.getLogger(__name__)


@shared_task(base=BuildTask, model=ReviewReport)
def build_report(report_id: int) -> str:
    return report_build(report_id=report_id).status


@shared_task(base=BuildTask, model=EvidencePack)
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
