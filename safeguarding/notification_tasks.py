"""Celery task for the notification PDFs (imported by SafeguardingConfig.ready so workers know it)."""

from celery import shared_task

from homes.builds import BuildTask
from safeguarding.models import NotificationPdf
from safeguarding.services.notification_pdf import notification_pdf_build


@shared_task(base=BuildTask, model=NotificationPdf)
def build_notification_pdf(pdf_id: int) -> str:
    return notification_pdf_build(pdf_id=pdf_id).status
