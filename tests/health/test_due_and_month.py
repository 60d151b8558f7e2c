"""Health assessments on the managers' task list; the month's medicines in the monthly tracker."""

import datetime

from django.utils import timezone

from children import extensions as child_ext
from health.models import Dose
from health.schedule import due_at
from homes.builds import queue_counts
from homes.extensions import tasks_for
from tests.health.factories import HealthAssessmentFactory, MedicationErrorFactory, PrescriptionFactory
from tests.utils import today


def test_a_health_assessment_due_is_on_the_managers_task_list_only(manager, staff, child):
    HealthAssessmentFactory(child=child, due_on=today() + datetime.timedelta(days=3))
    HealthAssessmentFactory(child=child, due_on=today() + datetime.timedelta(days=60))
    HealthAssessmentFactory(child=child, due_on=today() - datetime.timedelta(days=3), done_on=today())
    tasks = [t for t in tasks_for(manager, today()) if t.kind == "Review health assessment"]
    assert [(t.about, t.due) for t in tasks] == [(child.preferred_name, today() + datetime.timedelta(days=3))]
    assert not [t for t in tasks_for(staff, today()) if "health assessment" in t.kind]


def test_the_months_medicines_in_the_tracker(child, staff):
    month = (today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    melatonin = PrescriptionFactory(child=child, start_date=month, times="08:00")
    Dose.objects.create(
        prescription=melatonin,
        child=child,
        due_at=due_at(month, datetime.time(8)),
        given_at=due_at(month, datetime.time(8)),
        outcome="refused",
        recorded_by=staff,
    )
    MedicationErrorFactory(child=child, occurred_at=due_at(month, datetime.time(9)))
    section = child_ext.month_sections["medicines"]
    data = section.context(child, month)
    days = (today().replace(day=1) - month).days
    assert data["due"] == days and data["refused"] == 1 and data["missed"] == days - 1 and data["errors"] == 1


def test_the_status_page_counts_mar_pdfs(child, staff):
    from health.models import MarPrint

    MarPrint.objects.create(child=child, month=today().replace(day=1), queued_by=staff)
    counts = queue_counts("health.tasks.build_mar_print")
    assert counts.queued == 1 and counts.oldest_queued_at <= timezone.now()
