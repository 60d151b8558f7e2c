"""Celery tasks: each takes ids, and does its work in a service."""

from celery import shared_task

from homes.builds import BuildTask
from visits.models import VisitReportPdf
from visits.pdf import visit_report_pdf_build


@shared_task(base=BuildTask, model=VisitReportPdf)
def build_visit_report_pdf(pdf_id: int) -> str:
    return visit_report_pdf_build(pdf_id=pdf_id).status
