"""What the PDFs say, read back from the files with pdftotext (poppler-utils)."""

import datetime
import shutil
import subprocess

import pytest
from django.utils import timezone

from children import extensions
from tests.tracker.factories import MeetingFactory
from tracker.models import ReviewReport
from tracker.prefill import month_summary
from tracker.services.report import report_build, report_enqueue

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")

NAMES = ["Siobhán", "Zoë", "Nwachukwu", "Wiśniewski", "Amira Haddad", "أميرة حداد"]


def pdf_text(report: ReviewReport) -> str:
    path = report.file.path
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True).stdout


def build(tracker, kind=ReviewReport.Kind.MEETING_PACK) -> ReviewReport:
    return report_build(report_id=report_enqueue(tracker=tracker, kind=kind).pk)


@pytest.fixture
def dated_records(monkeypatch, tracker):
    """A chronology source with three records in the month under review and one outside it."""
    days = [tracker.month, tracker.month + datetime.timedelta(days=9), tracker.month_end]
    outside = tracker.month - datetime.timedelta(days=1)

    def entries(child, start, end):
        for day in [*days, outside]:
            if (start is None or day >= start) and (end is None or day <= end):
                when = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
                yield extensions.ChronologyEntry(when=when, kind="swims", title="Swimming")

    monkeypatch.setattr(extensions, "chronology_sources", {})
    extensions.register_chronology_source(
        extensions.ChronologySource(kind="swims", label="Swimming sessions", entries=entries)
    )


def test_every_name_renders_with_the_preferred_name_footer_and_page_numbers(tracker):
    child = tracker.child
    child.legal_name = "Siobhán Zoë Nwachukwu-Wiśniewski"
    child.save()
    tracker.child_voice = "Amira Haddad (أميرة حداد) came to my birthday."
    tracker.save()
    text = pdf_text(build(tracker))
    for name in NAMES:
        assert name in text, name
    assert "Siobhán · Meeting pack" in text  # the running header
    assert "Confidential" in text
    assert "Page 1 of " in text
    assert "About Siobhán" in text and "Dr Samuel Adeyemi" in text and "Willow House" in text


def test_a_long_review_numbers_every_page_of_the_total(tracker):
    tracker.psychotherapy_progress = "\n".join(f"Session {n}: talked about school and home." for n in range(140))
    tracker.save()
    text = pdf_text(build(tracker))
    pages = text.split("\f")
    total = len([page for page in pages if page.strip()])
    assert total >= 2
    assert f"Page 1 of {total}" in text and f"Page {total} of {total}" in text
    assert all("Confidential" in page for page in pages if page.strip())


def test_the_meeting_pack_shows_the_months_figures_from_the_records(tracker, dated_records):
    assert [(r.label, r.count) for r in month_summary(tracker.child, tracker.month).records] == [
        ("Swimming sessions", 3)
    ]
    text = pdf_text(build(tracker))
    assert "Swimming sessions" in text and f"Records dated in {tracker.month:%B %Y}" in text


def test_the_review_record_shows_the_meeting_and_both_signatures(tracker, manager, assessor):
    tracker.priorities = "Bedtime routine; family time with her nan."
    tracker.locked_at = timezone.now()
    tracker.save()
    signed = timezone.now()
    MeetingFactory(
        tracker=tracker,
        manager=manager,
        assessor=assessor,
        others_present="Nadia Hussain, social worker",
        decisions="Add a weekly swim with her key worker.",
        manager_signed_at=signed,
        assessor_signed_at=signed,
    )
    text = pdf_text(build(tracker, ReviewReport.Kind.REVIEW_RECORD))
    assert "Review record" in text
    assert "Add a weekly swim with her key worker." in text and "Nadia Hussain" in text
    assert f"Manager, {manager.full_name}: signed" in text
    assert f"Assessor, {assessor.full_name}: signed" in text
    assert "Bedtime routine; family time with her nan." in text
