"""Celery task for the notification PDFs (imported by SafeguardingConfig.ready so workers know it)."""

from celery import Task, shared_task

from safeguarding.services.notification_pdf import notification_pdf_build, notification_pdf_mark_failed


class NotificationPdfTask(Task):
    """Retries with backoff; once the retries are used up, the row is marked failed with the
    error, so the page shows it beside a "try again" button."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        pdf_id = args[0] if args else kwargs.get("pdf_id")
        if pdf_id is not None:
            notification_pdf_mark_failed(pdf_id=pdf_id, error=exc)


@shared_task(base=NotificationPdfTask)
def build_notification_pdf(pdf_id: int) -> str:
    return notification_pdf_build(pdf_id=pdf_id).status
