"""The review record carries the month from the records and the goal progress agreed."""

import shutil
import subprocess

import pytest
from django.utils import timezone

from tests.tracker.factories import MeetingFactory
from tests.tracker.records import month_of_records, plan_with_goals
from tracker.models import ReviewReport
from tracker.services.goal_progress import GoalEntry, goal_progress_record
from tracker.services.report import report_build, report_enqueue

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")


def test_the_review_record_shows_the_prefill_and_goal_progress(tracker, manager, assessor):
    goals = plan_with_goals(tracker.child, tracker.month)[1]
    month_of_records(tracker.child, assessor, tracker.month, sessions=2, goals=goals)
    goal_progress_record(
        tracker=tracker, entries=[GoalEntry(goals[0], "progressing", "Asleep by ten five nights of seven.")]
    )
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, plan_change="Add a goal for school mornings.")
    tracker.locked_at = timezone.now()
    tracker.save()
    report = report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD).pk)
    text = subprocess.run(["pdftotext", report.file.path, "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "2 sessions, 80 minutes" in flat
    assert "I liked the swimming, number 1." in flat
    assert "Relational" in flat and "Calder High" in flat and "75%" in flat
    assert "Re-assessment (review)" in flat
    assert "Risk assessment version 1" in flat
    assert "Settle to sleep" in flat and "Progressing" in flat and "Asleep by ten five nights of seven." in flat
    assert "Add a goal for school mornings." in flat
