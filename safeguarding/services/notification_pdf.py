"""The notification's PDF: queued once, built by a Celery worker with WeasyPrint, its state on a
row (queued → building → ready / failed), built again when the notification's text changes."""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from homes.models import User
from safeguarding.models import Notification, NotificationPdf

logger = logging.getLogger(__name__)
ERROR_MAX_LENGTH = 2000
# A build not finished after this long was lost with its worker: asking again queues it again.
STALE_AFTER = datetime.timedelta(minutes=10)


def _send(pdf_id: int) -> None:
    """Hand the row to its task (after commit). Inline (no broker) a failure is shown on the row;
    with a broker that refuses, the row stays queued for the next request to send again."""
    from safeguarding.notification_tasks import build_notification_pdf

    try:
        build_notification_pdf.delay(pdf_id)
    except Exception as exc:  # the build failed inline, or the broker is unreachable
        logger.exception("build_notification_pdf(%s) was not done", pdf_id)
        notification_pdf_mark_failed(pdf_id=pdf_id, error=getattr(exc, "exc", None) or exc)


@transaction.atomic
def notification_pdf_enqueue(*, notification: Notification, user: User | None = None) -> NotificationPdf:
    """The PDF, queued unless the one there already shows this version of the notification."""
    pdf, created = NotificationPdf.objects.get_or_create(notification=notification, defaults={"queued_by": user})
    if not created:
        pdf = NotificationPdf.objects.select_for_update().select_related("notification").get(pk=pdf.pk)
        # A build on its way reads the notification as it is when it starts: nothing to add.
        unfinished = {NotificationPdf.Status.QUEUED, NotificationPdf.Status.BUILDING}
        on_its_way = pdf.status in unfinished and timezone.now() - pdf.status_changed_at < STALE_AFTER
        if pdf.is_current or on_its_way:
            return pdf
        pdf.status, pdf.error, pdf.queued_by = NotificationPdf.Status.QUEUED, "", user
        pdf.status_changed_at = timezone.now()
        pdf.save(update_fields=["status", "error", "queued_by", "status_changed_at"])
    transaction.on_commit(lambda: _send(pdf.pk))
    return pdf


def render_notification_html(notification_id: int) -> str:
    from safeguarding.services.notifications import notification_draft

    notification = Notification.objects.select_related("home__registered_manager", "category", "child").get(
        pk=notification_id
    )
    return render_to_string(
        "safeguarding/notifications/pdf.html",
        {"notification": notification, "draft": notification_draft(notification), "printed_at": timezone.now()},
    )


def notification_pdf_build(*, pdf_id: int) -> NotificationPdf:
    """Render and keep the PDF with its SHA-256 (in a worker). Rendering runs outside any
    transaction; the row says "building" meanwhile, so a second delivery leaves it to the first."""
    from homes.pdf import html_to_pdf

    with transaction.atomic():
        pdf = NotificationPdf.objects.select_for_update().select_related("notification").get(pk=pdf_id)
        if pdf.is_current:
            return pdf
        pdf.status, pdf.attempts = NotificationPdf.Status.BUILDING, pdf.attempts + 1
        pdf.status_changed_at = timezone.now()
        pdf.save(update_fields=["status", "attempts", "status_changed_at"])
        revision = pdf.notification.revision
    try:
        content = html_to_pdf(render_notification_html(pdf.notification_id))
    except Exception as exc:
        NotificationPdf.objects.filter(pk=pdf_id).update(
            status=NotificationPdf.Status.QUEUED, error=_describe(exc), status_changed_at=timezone.now()
        )
        raise
    with transaction.atomic():
        pdf = NotificationPdf.objects.select_for_update().select_related("notification").get(pk=pdf_id)
        previous = pdf.file.name
        pdf.built_from_revision = revision
        pdf.file.save(f"notification-{pdf.notification_id}.pdf", ContentFile(content), save=False)
        pdf.sha256 = hashlib.sha256(content).hexdigest()
        pdf.built_at = pdf.status_changed_at = timezone.now()
        pdf.status, pdf.error = NotificationPdf.Status.READY, ""
        pdf.full_clean()
        pdf.save()
        if previous and previous != pdf.file.name:
            storage = pdf.file.storage
            transaction.on_commit(lambda: storage.delete(previous))
    return pdf


def notification_pdf_mark_failed(*, pdf_id: int, error: BaseException | str) -> None:
    message = error if isinstance(error, str) else _describe(error)
    NotificationPdf.objects.filter(pk=pdf_id).exclude(status=NotificationPdf.Status.READY).update(
        status=NotificationPdf.Status.FAILED, error=message[:ERROR_MAX_LENGTH], status_changed_at=timezone.now()
    )


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_MAX_LENGTH]
