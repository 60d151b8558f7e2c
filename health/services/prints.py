"""The monthly MAR as a PDF: queued on commit, built by a Celery worker from the row's id."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone

from children.models import Child
from health.mar import month_chart
from health.models import MarPrint
from homes.extensions import QueueCounts
from homes.models import User
from homes.pdf import html_to_pdf

BUILDER_UNAVAILABLE = "The PDF builder could not be reached: ask again in a few minutes."


@transaction.atomic
def mar_print_request(*, child: Child, month: datetime.date, queued_by: User) -> MarPrint:
    """Queue (again) the month's PDF; the worker is sent the id once the row is committed."""
    row, _ = MarPrint.objects.select_for_update().get_or_create(
        child=child, month=month, defaults={"queued_by": queued_by}
    )
    row.status, row.error, row.queued_by, row.status_changed_at = (
        MarPrint.Status.QUEUED,
        "",
        queued_by,
        timezone.now(),
    )
    row.save()
    transaction.on_commit(lambda: _send(row.pk))
    return row


def _send(print_id: int) -> None:
    from health.tasks import build_mar_print

    try:
        build_mar_print.delay(print_id)
    except Exception as error:  # the broker is down: say so on the row, nothing is lost
        mar_print_mark_failed(print_id=print_id, error=error, message=BUILDER_UNAVAILABLE)


def mar_print_build(*, print_id: int) -> MarPrint:
    row = MarPrint.objects.select_related("child__home").get(pk=print_id)
    MarPrint.objects.filter(pk=print_id).update(status=MarPrint.Status.BUILDING, status_changed_at=timezone.now())
    context = month_chart(row.child, row.month)
    context.update(document_title=f"MAR chart, {row.month:%B %Y}", generated_at=timezone.now())
    pdf = html_to_pdf(render_to_string("health/pdf/mar.html", context))
    row.file.save(f"{row.month:%Y-%m}.pdf", ContentFile(pdf), save=False)
    row.sha256 = hashlib.sha256(pdf).hexdigest()
    row.status, row.built_at, row.status_changed_at, row.error = (
        MarPrint.Status.READY,
        timezone.now(),
        timezone.now(),
        "",
    )
    row.save()
    return row


def mar_print_mark_failed(*, print_id: int, error: BaseException, message: str = "") -> None:
    MarPrint.objects.filter(pk=print_id).update(
        status=MarPrint.Status.FAILED,
        error=message or f"{type(error).__name__}: {error}",
        status_changed_at=timezone.now(),
    )


def mar_print_queue_counts() -> QueueCounts:
    """For the administrators' status page: how many MAR PDFs wait, build or failed, in one query."""
    queued = Q(status=MarPrint.Status.QUEUED)
    return QueueCounts(
        **MarPrint.objects.aggregate(
            queued=Count("pk", filter=queued),
            building=Count("pk", filter=Q(status=MarPrint.Status.BUILDING)),
            failed=Count("pk", filter=Q(status=MarPrint.Status.FAILED)),
            oldest_queued_at=Min("status_changed_at", filter=queued),
        ),
        awaiting_builder=0,
    )
