"""The printable MAR for a month: asked for on the chart's page, built by a worker as a PDF
in the paper layout, downloaded with the read logged."""

import datetime

from auditlog.models import LogEntry
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from health.mar import month_chart
from health.models import Dose, MarPrint
from health.schedule import due_at
from health.tasks import build_mar_print
from homes.builds import FILE_MISSING
from tests.health.factories import ConditionFactory, PrescriptionFactory


def test_a_month_pdf_is_built_and_downloaded(client_for, staff, child, django_capture_on_commit_callbacks):
    PrescriptionFactory(child=child)
    client = client_for(staff)
    month = timezone.localdate().replace(day=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mar_print", args=[child.pk]), {"month": month.isoformat()})
    assert response.status_code == 302
    row = MarPrint.objects.get(child=child, month=month)
    assert row.status == MarPrint.Status.READY and len(row.sha256) == 64
    page = client.get(reverse("mar_month", args=[child.pk]) + f"?month={month:%Y-%m-%d}").text
    assert "Download the PDF" in page
    download = client.get(reverse("mar_print_download", args=[row.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=row.pk, actor=staff).exists()

    row.file.storage.delete(row.file.name)  # storage lost it: a failed build, offered again
    lost = client.get(reverse("mar_print_download", args=[row.pk]), follow=True)
    assert FILE_MISSING in lost.text and "Make the PDF again" in lost.text
    row.refresh_from_db()
    assert row.status == MarPrint.Status.FAILED and row.can_retry


def test_the_pdf_holds_the_paper_layout_with_allergies_and_codes(child, staff):
    ConditionFactory(child=child, name="Penicillin")
    melatonin = PrescriptionFactory(child=child, start_date=timezone.localdate() - datetime.timedelta(days=40))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Dose.objects.create(
        prescription=melatonin,
        child=child,
        due_at=due_at(yesterday, datetime.time(8)),
        given_at=due_at(yesterday, datetime.time(8)),
        outcome="refused",
        recorded_by=staff,
    )
    context = month_chart(child, yesterday.replace(day=1))
    context.update(document_title="MAR chart", generated_at=timezone.now())
    html = render_to_string("health/pdf/mar.html", context)
    assert "Allergies: Penicillin" in html
    assert '<td class="mar-box">R</td>' in html
    assert "mar-missed" in html  # the 20:00 dose yesterday, not recorded


def test_a_failed_build_is_marked_on_the_row(child, staff):
    row = MarPrint.objects.create(child=child, month=timezone.localdate().replace(day=1), queued_by=staff)
    build_mar_print.on_failure(RuntimeError("no fonts"), "task", [row.pk], {}, None)
    row.refresh_from_db()
    assert row.status == MarPrint.Status.FAILED and "no fonts" in row.error


def test_a_pdf_not_ready_is_not_found_and_others_cannot_ask(client_for, staff, other_manager, child):
    row = MarPrint.objects.create(child=child, month=timezone.localdate().replace(day=1), queued_by=staff)
    assert client_for(staff).get(reverse("mar_print_download", args=[row.pk])).status_code == 404
    assert client_for(other_manager).post(reverse("mar_print", args=[child.pk])).status_code == 404
    assert client_for(staff).get(reverse("mar_print", args=[child.pk])).status_code == 405
