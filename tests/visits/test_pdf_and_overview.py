"""The signed report's PDF (Celery + WeasyPrint), its place in the evidence pack, and the open
actions on the provider overview."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.dates import last_months, month_range
from homes.extensions import home_trends
from tests.evidence_pack import build_pack, index_rows, pdf_text
from tests.factories import ChildFactory
from tests.visits.factories import past_visit, signed_report, visitor_for
from visits import services
from visits.models import VisitChild, VisitReportPdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(home):
    return visitor_for(home)


def test_signing_builds_the_pdf_with_the_report_in_it(
    client_for, home, visitor, manager, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = signed_report(home, visitor, recommendations=["Make the garden usable by spring"])
    row = VisitReportPdf.objects.get(report=report)
    assert row.status == VisitReportPdf.Status.READY
    recommendation = report.recommendations.get()
    with django_capture_on_commit_callbacks(execute=True):  # the response: the PDF is made again
        services.recommendation_respond(
            revision=None,
            recommendation=recommendation,
            user=manager,
            action="Order the fence panels",
            owner=staff,
            due_on=timezone.localdate() + datetime.timedelta(days=9),
        )
    client = client_for(manager)
    response = client.get(reverse("visit_report_pdf_download", args=[report.pk]))
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "Regulation 44 independent visitor" in text
    assert "Make the garden usable by spring" in text
    assert "Order the fence panels" in text
    assert home.ofsted_urn in text
    assert (
        client_for(visitor_for(ChildFactory().home, full_name="Elsewhere"))
        .get(reverse("visit_report_pdf_download", args=[report.pk]))
        .status_code
        == 404
    )


def test_the_pdf_names_children_by_preferred_name_only(home, visitor, django_capture_on_commit_callbacks):
    child = ChildFactory(home=home, preferred_name="Kai", legal_name="Kai Legalname-Secret")
    visit = past_visit(home, visitor)
    VisitChild.objects.create(visit=visit, child=child, spoke_with=True)
    report = services.visit_report_save(
        visit=visit, staff_spoken_with=[], looked_at="Logs", safeguarded="yes", wellbeing_promoted="yes"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_report_sign(report=report, user=visitor)
    text = pdf_text(VisitReportPdf.objects.get(report=report).file.read())
    assert "Kai" in text and "Legalname-Secret" not in text


def test_the_evidence_pack_holds_the_periods_signed_reports(home, visitor, manager):
    signed_report(home, visitor, recommendations=["Review the bedtime routine"])
    today = timezone.localdate()
    archive = build_pack(home=home, user=manager, start=today - datetime.timedelta(days=30), end=today)
    rows = index_rows(archive)
    names = [name for name in rows if name.startswith("visits/")]
    assert len(names) == 1
    assert "Review the bedtime routine" in pdf_text(archive.read(names[0]))


def test_the_evidence_pack_takes_the_built_pdf_else_makes_it(
    home, visitor, manager, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        report = signed_report(home, visitor, recommendations=["Review the bedtime routine"])
    row = VisitReportPdf.objects.get(report=report, status=VisitReportPdf.Status.READY)
    with row.file.open("rb") as handle:
        built = handle.read()
    today = timezone.localdate()

    def pack_pdf() -> bytes:
        archive = build_pack(home=home, user=manager, start=today - datetime.timedelta(days=30), end=today)
        return archive.read(next(name for name in index_rows(archive) if name.startswith("visits/")))

    with monkeypatch.context() as patched:
        patched.setattr("visits.pdf.render_report_pdf", lambda report: pytest.fail("made again"))
        assert pack_pdf() == built
    row.file.storage.delete(row.file.name)  # the file is lost: the pack makes it
    assert "Review the bedtime routine" in pdf_text(pack_pdf())


def test_what_changes_after_signing_is_in_the_pdf_and_the_evidence_pack(
    home, visitor, manager, staff, django_capture_on_commit_callbacks
):
    """A response, an action done and the sending dates each make the PDF again: neither its
    download nor the evidence pack carries the version made at signing."""
    with django_capture_on_commit_callbacks(execute=True):
        report = signed_report(home, visitor, recommendations=["Fix the garden fence"])
    recommendation = report.recommendations.get()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_respond(
            revision=None, recommendation=recommendation, user=manager, action="Order panels", owner=staff, due_on=today
        )
        services.recommendation_done(recommendation=recommendation, day=today)
        services.visit_report_record_sent(report=report, ofsted_on=today, placing_authorities_on=None)
    row = VisitReportPdf.objects.get(report=report)
    assert row.status == VisitReportPdf.Status.READY
    with row.file.open("rb") as handle:
        built = handle.read()
    archive = build_pack(home=home, user=manager, start=today - datetime.timedelta(days=30), end=today)
    in_pack = archive.read(next(name for name in index_rows(archive) if name.startswith("visits/")))
    assert in_pack == built
    text = " ".join(pdf_text(built).split())
    assert "Order panels" in text and f"done {today:%-d %b %Y}" in text
    assert f"Sent to Ofsted: {today:%-d %B %Y}" in text


def test_open_actions_per_month_on_the_overview(home, other_home, visitor, manager, staff):
    report = signed_report(home, visitor, recommendations=["One", "Two"])
    first, second = report.recommendations.all()
    services.recommendation_respond(
        revision=None, recommendation=first, user=manager, action="Do it", owner=staff, due_on=timezone.localdate()
    )
    services.recommendation_done(recommendation=first)
    start, end = last_months(6, timezone.localdate())
    months = month_range(start, end)
    series = home_trends["visit-actions"].series([home, other_home], months)
    assert series[home.pk][-1] == 1  # the second is not done yet
    assert series[other_home.pk][-1] == 0


def test_the_ri_sees_the_column_on_the_overview(client_for, home, visitor):
    from homes.models import User
    from tests.factories import UserFactory

    signed_report(home, visitor)
    ri = UserFactory(provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    page = client_for(ri).get(reverse("provider_overview")).content.decode()
    assert "Visitor&#x27;s actions open" in page or "Visitor's actions open" in page


def test_who_may_make_the_pdf(client_for, home, visitor, manager, staff, other_manager):
    report = signed_report(home, visitor)
    url = reverse("visit_report_pdf", args=[report.pk])
    assert client_for(manager).get(url).status_code == 405
    assert client_for(staff).post(url).status_code == 403
    assert client_for(other_manager).post(url).status_code == 404
    assert client_for(visitor).post(url).status_code == 302
    assert client_for(staff).get(reverse("visit_report_detail", args=[report.pk])).status_code == 200
