"""Where the health record appears outside its own page: the child's summary and tab, the
before-shift sheet, the dashboard and the chronology. Registered in HealthConfig.ready()."""

import datetime

from django.urls import reverse
from django.utils import timezone

from children import extensions as child_ext
from children.extensions import ChronologyEntry, dated, day_start
from children.models import Child
from health.models import Appointment, HealthAssessment, MedicationError
from health.selectors import allergies_by_child, allergy_line
from homes import access
from homes.dates import add_months
from homes.extensions import OVERSIGHT, DashboardPanel, register_dashboard_panel
from homes.models import Home, User

# Health assessments show on the dashboard this long before they fall due.
ASSESSMENT_NOTICE_DAYS = 28


def allergy_summary(user: User, child: Child) -> str | None:
    return allergy_line(allergies_by_child([child.pk]).get(child.pk, [])) or None


def before_shift_notes(children: list[Child]) -> dict[int, list[str]]:
    return {child_id: [allergy_line(found)] for child_id, found in allergies_by_child(c.pk for c in children).items()}


def assessments_due_context(user: User, homes: list[Home]) -> dict | None:
    """Statutory health assessments not yet done, due within four weeks or overdue: one query."""
    if not homes:
        return None
    today = timezone.localdate()
    due = list(
        access.for_children(user, HealthAssessment.objects.filter(done_on__isnull=True))
        .filter(child__home__in=homes, child__discharge_date__isnull=True, child__archived=False)
        .filter(due_on__lte=today + datetime.timedelta(days=ASSESSMENT_NOTICE_DAYS))
        .select_related("child__home")
        .order_by("due_on", "child__preferred_name")
    )
    return {"assessments": due, "today": today} if due else None


def _appointments(child, start, end):
    return dated(Appointment.objects.filter(child=child), "starts_at", start, end)


def _appointment_entries(child, start, end):
    for appointment in _appointments(child, start, end).order_by("-starts_at", "-pk").iterator(chunk_size=100):
        yield ChronologyEntry(
            when=appointment.starts_at,
            kind="health_appointment",
            title=f"{appointment.get_kind_display()} appointment: {appointment.reason}",
            detail=f"{appointment.get_status_display()}. {appointment.outcome}".strip(),
            url=reverse("health_record", args=[child.pk]),
        )


def _errors(child, start, end):
    return dated(MedicationError.objects.filter(child=child), "occurred_at", start, end)


def _error_entries(child, start, end):
    for error in (
        _errors(child, start, end)
        .select_related("recorded_by")
        .order_by("-occurred_at", "-pk")
        .iterator(chunk_size=100)
    ):
        yield ChronologyEntry(
            when=error.occurred_at,
            kind="medication_error",
            title=f"Medication error: {error.get_kind_display().lower()}",
            detail=error.what_happened,
            url=reverse("medicines", args=[child.pk]),
            author=str(error.recorded_by),
        )


def month_context(child: Child, month: datetime.date) -> dict | None:
    """The month's medicines for the monthly tracker: how the chart went, in figures."""
    from health.mar import MISSED_MARK, NOT_DUE, month_chart

    chart = month_chart(child, month)
    if not chart["rows"]:
        return None
    boxes = [cell for row in chart["rows"] if row.time for cell in row.cells if cell != NOT_DUE]
    refused = sum(1 for cell in boxes if cell == "R")
    missed = sum(1 for cell in boxes if cell == MISSED_MARK)
    not_given = sum(1 for cell in boxes if cell in {code for code, _ in chart["reasons"]})
    errors = MedicationError.objects.filter(child=child, occurred_at__gte=day_start(month)).filter(
        occurred_at__lt=day_start(add_months(month, 1))
    )
    return {
        "due": len(boxes),
        "refused": refused,
        "missed": missed,
        "not_given": not_given,
        "prn": len(chart["prn_doses"]),
        "prn_helped": sum(1 for dose in chart["prn_doses"] if dose.effect == "helped"),
        "errors": errors.count(),
    }


def register() -> None:
    child_ext.register_month_section(
        child_ext.MonthSection(
            name="medicines", label="Medicines", template="health/panels/month.html", context=month_context, order=60
        )
    )
    child_ext.register_child_section(
        child_ext.ChildSection(name="health", label="Health", url_name="health_record", order=75)
    )
    child_ext.register_child_section(
        child_ext.ChildSection(name="medicines", label="Medicines", url_name="medicines", order=76)
    )
    child_ext.register_child_summary_item(
        child_ext.ChildSummaryItem(name="allergies", text=allergy_summary, order=5, important=True)
    )
    child_ext.register_before_shift_section(
        child_ext.BeforeShiftSection(name="allergies", order=10, child_notes=before_shift_notes)
    )
    register_dashboard_panel(
        DashboardPanel(
            name="health_assessments_due",
            template="health/panels/assessments_due.html",
            context=assessments_due_context,
            order=40,
            audience=OVERSIGHT,
        )
    )
    child_ext.register_chronology_source(
        child_ext.ChronologySource(
            kind="health_appointment",
            label="Health appointments",
            entries=_appointment_entries,
            count=lambda *args: _appointments(*args).count(),
        )
    )
    child_ext.register_chronology_source(
        child_ext.ChronologySource(
            kind="medication_error",
            label="Medication errors",
            entries=_error_entries,
            count=lambda *args: _errors(*args).count(),
        )
    )
