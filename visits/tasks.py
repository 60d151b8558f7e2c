"""Celery tasks: each takes ids, and does its work in a service."""

from celery import Task, shared_task

from visits.pdf import visit_report_pdf_build, visit_report_pdf_mark_failed


class VisitReportPdfTask(Task):
    """Retries with backoff; once the retries are used up, the row is marked failed with the
    error, so the report's page shows it beside the button to ask again."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        pdf_id = args[0] if args else kwargs.get("pdf_id")
        if pdf_id is not None:
            visit_report_pdf_mark_failed(pdf_id=pdf_id, error=exc)


@shared_task(base=VisitReportPdfTask)
def build_visit_report_pdf(pdf_id: int) -> str:
    return visit_report_pdf_build(pdf_id=pdf_id).status
