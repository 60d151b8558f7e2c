"""The notification's PDF: queued once, built by a Celery worker with WeasyPrint, its state on a
row (queued → building → ready / failed), built again when the notification's text changes."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from homes import builds
from homes.models import User
from safeguarding.models import Notification, NotificationPdf

BUILD_TASK = "safeguarding.notification_tasks.build_notification_pdf"


@transaction.atomic
def notification_pdf_enqueue(*, notification: Notification, user: User | None = None) -> NotificationPdf:
    """The PDF, queued unless the one there already shows this version of the notification."""
    pdf, created = NotificationPdf.objects.get_or_create(notification=notification, defaults={"queued_by": user})
    if not created:
        pdf = NotificationPdf.objects.select_for_update().select_related("notification").get(pk=pdf.pk)
        # A build on its way reads the notification as it is when it starts: nothing to add.
        unfinished = {NotificationPdf.Status.QUEUED, NotificationPdf.Status.BUILDING}
        on_its_way = pdf.status in unfinished and not pdf.is_stale and not pdf.is_awaiting_builder
        if pdf.is_current or on_its_way:
            return pdf
        return builds.requeue(pdf, BUILD_TASK, queued_by=user)
    transaction.on_commit(lambda: builds.send_build(BUILD_TASK, pdf.pk))
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
    """Render and keep the PDF with its SHA-256 (in a worker), unless it shows the notification's
    latest revision already."""
    from homes.pdf import html_to_pdf

    if NotificationPdf.objects.select_related("notification").get(pk=pdf_id).is_current:
        return NotificationPdf.objects.get(pk=pdf_id)
    pdf = builds.claim_build(NotificationPdf, pdf_id)
    if pdf is None:
        return NotificationPdf.objects.get(pk=pdf_id)
    revision = Notification.objects.values_list("revision", flat=True).get(pk=pdf.notification_id)
    try:
        content = html_to_pdf(render_notification_html(pdf.notification_id))
    except Exception as exc:
        builds.keep_for_retry(NotificationPdf, pdf_id, exc)
        raise
    with transaction.atomic():
        pdf = NotificationPdf.objects.select_for_update().get(pk=pdf_id)
        pdf.built_from_revision = revision
        return builds.finish_build(pdf, f"notification-{pdf.notification_id}.pdf", content)
