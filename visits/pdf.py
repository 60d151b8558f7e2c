"""The signed report as a PDF: queued on commit, built by a Celery worker from the row's id
(the same build pattern as the MAR and the review PDFs)."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone

from homes.extensions import QueueCounts
from homes.pdf import html_to_pdf
from visits.models import VisitReport, VisitReportPdf

BUILDER_UNAVAILABLE = "The PDF builder could not be reached: ask again in a few minutes."


@transaction.atomic
def visit_report_pdf_request(*, report_id: int, queued_by_id: int) -> VisitReportPdf:
    row, _ = VisitReportPdf.objects.select_for_update().get_or_create(
        report_id=report_id, defaults={"queued_by_id": queued_by_id}
    )
    row.status, row.error, row.queued_by_id, row.status_changed_at = (
        VisitReportPdf.Status.QUEUED,
        "",
        queued_by_id,
        timezone.now(),
    )
    row.save()
    transaction.on_commit(lambda: _send(row.pk))
    return row


def _send(pdf_id: int) -> None:
    from visits.tasks import build_visit_report_pdf

    try:
        build_visit_report_pdf.delay(pdf_id)
    except Exception as error:  # the broker is down: say so on the row, nothing is lost
        visit_report_pdf_mark_failed(pdf_id=pdf_id, error=error, message=BUILDER_UNAVAILABLE)


def report_context(report: VisitReport) -> dict:
    """What the report page and the PDF show: the report, the children met (consent rows, by
    preferred name only), the staff, the recommendations with their responses."""
    return {
        "report": report,
        "visit": report.visit,
        "home": report.visit.home,
        "children_seen": list(report.visit.children_seen.select_related("child")),
        "staff": list(report.staff_spoken_with.order_by("full_name")),
        "recommendations": list(report.recommendations.select_related("owner")),
    }


def visit_report_pdf_build(*, pdf_id: int) -> VisitReportPdf:
    row = VisitReportPdf.objects.select_related("report__visit__home", "report__visit__visitor").get(pk=pdf_id)
    VisitReportPdf.objects.filter(pk=pdf_id).update(
        status=VisitReportPdf.Status.BUILDING, status_changed_at=timezone.now()
    )
    context = report_context(row.report)
    context.update(document_title=str(row.report), generated_at=timezone.now())
    pdf = html_to_pdf(render_to_string("visits/pdf/report.html", context))
    row.file.save("report.pdf", ContentFile(pdf), save=False)
    row.sha256 = hashlib.sha256(pdf).hexdigest()
    row.status, row.built_at, row.status_changed_at, row.error = (
        VisitReportPdf.Status.READY,
        timezone.now(),
        timezone.now(),
        "",
    )
    row.save()
    return row


def visit_report_pdf_mark_failed(*, pdf_id: int, error: BaseException, message: str = "") -> None:
    VisitReportPdf.objects.filter(pk=pdf_id).update(
        status=VisitReportPdf.Status.FAILED,
        error=message or f"{type(error).__name__}: {error}",
        status_changed_at=timezone.now(),
    )


def visit_report_pdf_queue_counts() -> QueueCounts:
    """For the administrators' status page: how many report PDFs wait, build or failed, one query."""
    queued = Q(status=VisitReportPdf.Status.QUEUED)
    return QueueCounts(
        **VisitReportPdf.objects.aggregate(
            queued=Count("pk", filter=queued),
            building=Count("pk", filter=Q(status=VisitReportPdf.Status.BUILDING)),
            failed=Count("pk", filter=Q(status=VisitReportPdf.Status.FAILED)),
            oldest_queued_at=Min("status_changed_at", filter=queued),
        ),
        awaiting_builder=0,
    )
