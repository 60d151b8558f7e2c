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


def pdf_text(report: ReviewReport, layout: bool = True) -> str:
    """The text as laid out on the page, or (layout=False) in reading order, column by column."""
    command = ["pdftotext", *(["-layout"] if layout else []), report.file.path, "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


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
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert f"Registered manager {manager.full_name} {timezone.localtime(signed):%-d %B %Y, %H:%M}" in lines
    assert f"Assessor {assessor.full_name} {timezone.localtime(signed):%-d %B %Y, %H:%M}" in lines
    assert "The meeting's outcome" in text and "Priorities for the coming month" in text
    assert "Bedtime routine; family time with her nan." in text


def flat(text: str) -> str:
    """The PDF's words on one line: pdftotext breaks lines where the page does."""
    return " ".join(text.split())


@pytest.fixture
def full_month(tracker, assessor):
    """A month with two brain maps, last month's priorities, key working in the child's words,
    psychotherapy and an open care-plan goal."""
    from tests.assessments.factories import make_assessment
    from tests.children.factories import KeyWorkingSessionFactory, ProvisionArrangementFactory, ProvisionSessionFactory
    from tests.tracker.factories import TrackerFactory
    from tests.tracker.records import plan_with_goals
    from tracker.months import previous_month
    from tracker.services.goal_progress import GoalEntry, goal_progress_record

    child = tracker.child
    make_assessment(child, assessor, scores=1, final=True, assessed_on=tracker.month - datetime.timedelta(days=80))
    make_assessment(child, assessor, scores=3, final=True, assessed_on=tracker.month + datetime.timedelta(days=5))
    before = TrackerFactory(child=child, month=previous_month(tracker.month), priorities="Practise the calm-down plan.")
    (goal,) = plan_with_goals(child, before.month, titles=["Tell an adult when worried"])[1]
    goal_progress_record(tracker=before, entries=[GoalEntry(goal, "emerging", "Told Jess once.")])
    goal_progress_record(tracker=tracker, entries=[GoalEntry(goal, "progressing", "Told an adult three times.")])
    when = timezone.make_aware(datetime.datetime.combine(tracker.month + datetime.timedelta(days=3), datetime.time(16)))
    KeyWorkingSessionFactory(child=child, happened_at=when, topic="Bowling trip", child_voice="I liked the bowling.")
    therapy = ProvisionArrangementFactory(child=child, start_date=previous_month(tracker.month))
    ProvisionSessionFactory(arrangement=therapy, date=tracker.month + datetime.timedelta(days=7))
    return tracker


def test_the_meeting_pack_holds_every_section(full_month):
    tracker = full_month
    text = flat(pdf_text(build(tracker)))
    for heading in [
        "About Siobhán",
        "Brain map: the one before, then the latest",
        "Goal history",
        f"{tracker.month:%B %Y} from the records, and in Siobhán's words",
        "months in figures",  # six, or fewer since admission
        "Open priorities",
        "The review so far",
    ]:
        assert heading in text, heading
    assert "Key-working sessions each month" in text and "Psychotherapy attendance, Calder Valley" in text
    assert "Figures by month" in text
    assert "“I liked the bowling.”" in text and "Bowling trip" in text
    assert "Practise the calm-down plan." in text and "Tell an adult when worried" in text
    # The goal's history: the chart's words and its table.
    month, before = f"{tracker.month:%b %Y}", f"{tracker.month - datetime.timedelta(days=1):%b %Y}"
    assert "Goal progress at each monthly review" in text
    assert f"{before}: Emerging; {month}: Progressing" in text


def test_the_meeting_pack_says_the_brain_maps_in_words(full_month):
    tracker = full_month
    text = flat(pdf_text(build(tracker), layout=False))
    latest = tracker.month + datetime.timedelta(days=5)
    # Each map's text alternative, then the change between them, domain by domain.
    assert f"Siobhán's brain map, {latest:%d %B %Y}. Bottom-up from the brainstem." in text
    assert text.count("Bottom-up from the brainstem.") == 2
    assert "Change by domain" in text and "Improved" in text


def test_a_child_not_yet_assessed_gets_a_pack_that_says_so(tracker):
    text = flat(pdf_text(build(tracker)))
    assert f"No assessment of Siobhán had been finalised by the end of {tracker.month:%B %Y}." in text
