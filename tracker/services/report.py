"""Review PDFs as records: queue once, build in a worker, retry what failed or was lost."""

from django.core.exceptions import ValidationError
from django.db import transaction

from homes import builds
from homes.models import User
from tracker.models import MonthlyTracker, ReportDownload, ReviewReport
from tracker.models.report import report_upload_to

REPORT_NOT_RETRYABLE = (
    "Only a report that failed, or one stuck for more than ten minutes (its build was lost), can be tried again."
)
REVIEW_RECORD_NEEDS_SIGNATURES = "The review record is built once the manager and the assessor have both signed."
BUILD_TASK = "tracker.tasks.build_report"


def _requeue(report: ReviewReport, user: User | None) -> ReviewReport:
    return builds.requeue(report, BUILD_TASK, queued_by=user)


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
        transaction.on_commit(lambda: builds.send_build(BUILD_TASK, report.pk))
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


def report_build(*, report_id: int) -> ReviewReport:
    """Render the report to PDF and keep it with its SHA-256. Runs in a Celery worker.

    Rendering happens outside any transaction (it takes seconds); the row says "building"
    meanwhile, so a second delivery of the same task leaves it to the first. If rendering
    raises, the row goes back to "queued" with the error, for the task's retry."""
    from tracker.pdf import render_report_pdf

    return builds.build(
        ReviewReport,
        report_id,
        lambda report: render_report_pdf(report.pk),
        name=lambda report: report_upload_to(report, ""),
    )


def report_download_log(*, report: ReviewReport, user: User) -> ReportDownload:
    """Who downloaded the PDF, when, and which file (its SHA-256): every download is logged."""
    return ReportDownload.objects.create(report=report, user=user, sha256=report.sha256)
