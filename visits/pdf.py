"""The signed report as a PDF: queued on commit, built by a Celery worker from the row's id
(the same build pattern as the MAR and the review PDFs)."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from homes import builds
from homes.pdf import html_to_pdf
from visits.models import VisitReport, VisitReportPdf

BUILD_TASK = "visits.tasks.build_visit_report_pdf"


@transaction.atomic
def visit_report_pdf_request(*, report_id: int, queued_by_id: int) -> VisitReportPdf:
    """Queue (again) the report's PDF (the sending dates may have changed since)."""
    row, _ = VisitReportPdf.objects.select_for_update().get_or_create(
        report_id=report_id, defaults={"queued_by_id": queued_by_id}
    )
    return builds.requeue(row, BUILD_TASK, queued_by_id=queued_by_id)


def visit_report_pdf_refresh(report_id: int) -> None:
    """The report's PDF made again after what it shows changed (a response, an action done, the
    sending dates), so that its download and the evidence pack never carry an older version.
    Nothing while no PDF has been made. Call it inside the change's transaction."""
    row = VisitReportPdf.objects.select_for_update().filter(report_id=report_id).first()
    if row is not None:
        builds.requeue(row, BUILD_TASK)


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
    return builds.build(VisitReportPdf, pdf_id, _render, name=lambda row: "report.pdf")


def _render(row: VisitReportPdf) -> bytes:
    return render_report_pdf(VisitReport.objects.select_related("visit__home", "visit__visitor").get(pk=row.report_id))


def render_report_pdf(report: VisitReport) -> bytes:
    context = report_context(report)
    context.update(document_title=str(report), generated_at=timezone.now())
    return html_to_pdf(render_to_string("visits/pdf/report.html", context))


def report_pdf_bytes(report: VisitReport) -> bytes:
    """The report's PDF: the file its worker built when there is a ready one, else made now."""
    row = VisitReportPdf.objects.filter(report=report, status=VisitReportPdf.Status.READY).first()
    if row is not None:
        try:
            with row.file.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    return render_report_pdf(report)
