"""The monthly MAR as a PDF: queued on commit, built by a Celery worker from the row's id."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from children.models import Child
from health.mar import month_chart
from health.models import MarPrint
from homes import builds
from homes.models import User
from homes.pdf import html_to_pdf

BUILD_TASK = "health.tasks.build_mar_print"


@transaction.atomic
def mar_print_request(*, child: Child, month: datetime.date, queued_by: User) -> MarPrint:
    """Queue (again) the month's PDF (the chart may have changed since); the worker is sent the
    id once the row is committed."""
    row, _ = MarPrint.objects.select_for_update().get_or_create(
        child=child, month=month, defaults={"queued_by": queued_by}
    )
    return builds.requeue(row, BUILD_TASK, queued_by=queued_by)


def mar_print_build(*, print_id: int) -> MarPrint:
    return builds.build(MarPrint, print_id, _render, name=lambda row: f"{row.month:%Y-%m}.pdf")


def _render(row: MarPrint) -> bytes:
    child = Child.objects.select_related("home").get(pk=row.child_id)
    context = month_chart(child, row.month)
    context.update(document_title=f"MAR chart, {row.month:%B %Y}", generated_at=timezone.now())
    return html_to_pdf(render_to_string("health/pdf/mar.html", context))
