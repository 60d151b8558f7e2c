"""Review PDFs as records: queue once, build in a worker, retry what failed or was lost."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from homes.models import User
from tracker.models import MonthlyTracker, ReportDownload, ReviewReport
from tracker.models.report import STALE_AFTER, report_upload_to
from tracker.services.queue import send_build

REPORT_NOT_RETRYABLE = (
    "Only a report that failed, or one stuck for more than ten minutes (its build was lost), can be tried again."
)
REVIEW_RECORD_NEEDS_SIGNATURES = "The review record is built once the manager and the assessor have both signed."
FILE_MISSING = "The PDF file is missing from storage: build it again."
# The error kept on a report is for the person pressing "try again", not a log file.
ERROR_MAX_LENGTH = 2000


def _send(report_id: int) -> None:
    send_build("build_report", ReviewReport, report_id, lambda pk, error: report_mark_failed(report_id=pk, error=error))


def _requeue(report: ReviewReport, user: User | None) -> ReviewReport:
    report.status = ReviewReport.Status.QUEUED
    report.error = ""
    report.awaiting_builder = False
    report.status_changed_at = timezone.now()
    report.queued_by = user
    report.save(update_fields=["status", "error", "awaiting_builder", "status_changed_at", "queued_by"])
    # After commit: a worker must find the row as queued, and a rolled-back request queues nothing.
    transaction.on_commit(lambda: _send(report.pk))
    return report


@transaction.atomic
def report_enqueue(
    *, tracker: MonthlyTracker, kind: str, user: User | None = None, rebuild: bool = False
) -> ReviewReport:
    """The month's report of this kind, queued for building unless it is already on its way.

    Enqueueing twice gives one row: the unique (tracker, kind) constraint decides between
    concurrent callers and the row lock orders them. A failed or lost build is queued again;
    a ready one only with `rebuild` (a meeting pack brought up to date before the meeting;
    never once the review is signed)."""
    if kind == ReviewReport.Kind.REVIEW_RECORD and not tracker.is_locked:
        raise ValidationError(REVIEW_RECORD_NEEDS_SIGNATURES)
    report, created = ReviewReport.objects.get_or_create(tracker=tracker, kind=kind, defaults={"queued_by": user})
    if created:
        transaction.on_commit(lambda: _send(report.pk))
        return report
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    if report.status == ReviewReport.Status.FAILED or report.is_stale or report.is_awaiting_builder:
        return _requeue(report, user)
    if report.status == ReviewReport.Status.READY and rebuild and not tracker.is_locked:
        return _requeue(report, user)
    return report


@transaction.atomic
def report_retry(*, report: ReviewReport, user: User | None = None) -> ReviewReport:
    report = ReviewReport.objects.select_for_update().get(pk=report.pk)
    if not report.can_retry:
        raise ValidationError(REPORT_NOT_RETRYABLE)
    return _requeue(report, user)


def report_requeue_stale() -> int:
    """Queue again every report whose build was lost, or that the broker refused (for the
    periodic sweep)."""
    cutoff = timezone.now() - STALE_AFTER
    stale = ReviewReport.objects.filter(
        Q(status__in=[ReviewReport.Status.QUEUED, ReviewReport.Status.BUILDING], status_changed_at__lt=cutoff)
        | Q(status=ReviewReport.Status.QUEUED, awaiting_builder=True)
    )
    count = 0
    for report_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            report = ReviewReport.objects.select_for_update().get(pk=report_id)
            if report.is_stale or report.is_awaiting_builder:
                _requeue(report, None)
                count += 1
    return count


def report_build(*, report_id: int) -> ReviewReport:
    """Render the report to PDF and keep it with its SHA-256. Runs in a Celery worker.

    Rendering happens outside any transaction (it takes seconds); the row says "building"
    meanwhile, so a second delivery of the same task leaves it to the first. If rendering
    raises, the row goes back to "queued" with the error, for the task's retry."""
    from tracker.pdf import render_report_pdf

    with transaction.atomic():
        report = ReviewReport.objects.select_for_update().get(pk=report_id)
        if report.status == ReviewReport.Status.READY:
            return report
        if report.status == ReviewReport.Status.BUILDING and not report.is_stale:
            return report
        report.status = ReviewReport.Status.BUILDING
        report.awaiting_builder = False
        report.attempts += 1
        report.status_changed_at = timezone.now()
        report.save(update_fields=["status", "awaiting_builder", "attempts", "status_changed_at"])

    try:
        pdf = render_report_pdf(report_id)
    except Exception as exc:
        ReviewReport.objects.filter(pk=report_id).update(
            status=ReviewReport.Status.QUEUED, error=_describe(exc), status_changed_at=timezone.now()
        )
        raise

    with transaction.atomic():
        report = ReviewReport.objects.select_for_update().select_related("tracker").get(pk=report_id)
        previous = report.file.name
        report.file.save(report_upload_to(report, ""), ContentFile(pdf), save=False)
        report.sha256 = hashlib.sha256(pdf).hexdigest()
        report.built_at = timezone.now()
        report.status = ReviewReport.Status.READY
        report.error = ""
        report.status_changed_at = report.built_at
        report.full_clean()
        report.save()
        if previous and previous != report.file.name:
            storage, name = report.file.storage, previous
            transaction.on_commit(lambda: storage.delete(name))
    return report


def report_mark_failed(*, report_id: int, error: BaseException | str) -> None:
    """The build has used its retries: show the error and offer the retry button."""
    message = error if isinstance(error, str) else _describe(error)
    ReviewReport.objects.filter(pk=report_id).exclude(status=ReviewReport.Status.READY).update(
        status=ReviewReport.Status.FAILED, error=message[:ERROR_MAX_LENGTH], status_changed_at=timezone.now()
    )


def report_download_log(*, report: ReviewReport, user: User) -> ReportDownload:
    """Who downloaded the PDF, when, and which file (its SHA-256): every download is logged."""
    return ReportDownload.objects.create(report=report, user=user, sha256=report.sha256)


def report_mark_file_missing(*, report_id: int) -> None:
    """Storage lost a ready report's file: it becomes a failed build, with its retry button."""
    ReviewReport.objects.filter(pk=report_id).update(
        status=ReviewReport.Status.FAILED, error=FILE_MISSING, status_changed_at=timezone.now()
    )


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:ERROR_MAX_LENGTH]
