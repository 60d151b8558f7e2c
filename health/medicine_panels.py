"""The medicines where people work: doses due now and missed on the dashboard, the shift's
medicines, allergies and tomorrow's appointments in the handover. Registered in ready()."""

import datetime

from django.urls import reverse
from django.utils import timezone

from children.models import Child
from health.models import Appointment, Dose
from health.schedule import DUE, EARLY, MISSED
from health.selectors import allergies_by_child, chart
from homes import access
from homes.extensions import (
    DashboardPanel,
    HandoverItem,
    HandoverSection,
    register_dashboard_panel,
    register_handover_section,
)
from homes.models import Home, User

# How far back the dashboard looks for missed doses and PRN doses awaiting "did it help?".
LOOK_BACK = datetime.timedelta(hours=24)
EFFECT_AFTER = datetime.timedelta(hours=1)


def medicines_due_context(user: User, homes: list[Home]) -> dict | None:
    """Doses due now and doses missed in the last day, in the person's homes: three queries."""
    now = timezone.now()
    # The children as a subquery and their homes as ids: forty homes' children are never made
    # into objects just to select their doses.
    children = access.children_for(user).in_placement().filter(home__in=homes)
    home_ids = set(children.values_list("home_id", flat=True))
    if not home_ids:
        return None
    regular, prn = chart(children, now - LOOK_BACK, now + EARLY)
    due = [item for item in regular if item.status(now) == DUE]
    missed = [item for item in regular if item.status(now) == MISSED]
    awaiting = [dose for dose in prn if not dose.effect and dose.given_at + EFFECT_AFTER <= now]
    if not (due or missed or awaiting):
        return None
    shown = sorted((home for home in homes if home.pk in home_ids), key=str)
    return {"due": due, "missed": missed, "awaiting": awaiting, "homes": shown}


def _doses_in_shift(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    children = Child.objects.in_placement().filter(home=home)
    regular, prn = chart(children, start, end)
    now = timezone.now()
    items = []
    for item in regular:
        child = item.prescription.child
        url = reverse("medicines", args=[child.pk])
        when = f"{timezone.localtime(item.due_at):%H:%M}"
        if item.dose is None:
            if item.status(now) == MISSED:
                items.append(
                    HandoverItem(
                        f"{child.preferred_name}: {item.prescription} due {when} was not recorded",
                        url,
                        child.pk,
                        item.due_at,
                        attention=True,
                    )
                )
            continue
        dose = item.dose
        shown = dose.get_outcome_display().lower()
        if dose.reason:
            shown += f" ({dose.get_reason_display()})"
        attention = dose.outcome in (Dose.Outcome.REFUSED, Dose.Outcome.NOT_GIVEN)
        items.append(
            HandoverItem(
                f"{child.preferred_name}: {item.prescription} {when} {shown}",
                url,
                child.pk,
                item.due_at,
                attention=attention,
            )
        )
    for dose in prn:
        child_id = dose.child_id
        given = f"{timezone.localtime(dose.given_at):%H:%M}"
        helped = f"; {dose.get_effect_display().lower()}" if dose.effect else "; ask whether it helped"
        items.append(
            HandoverItem(
                f"{dose.prescription} at {given} (as needed), for {dose.prn_reason}{helped}",
                reverse("medicines", args=[child_id]),
                child_id,
                dose.given_at,
            )
        )
    return items


def _allergies(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    children = list(Child.objects.in_placement().filter(home=home).order_by("preferred_name"))
    found = allergies_by_child(c.pk for c in children)
    return [
        HandoverItem(
            f"{child.preferred_name}: allergic to " + "; ".join(a.label for a in found[child.pk]),
            reverse("health_record", args=[child.pk]),
            child.pk,
            attention=True,
        )
        for child in children
        if child.pk in found
    ]


def _appointments_tomorrow(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    """From the end of the shift to the end of the next day."""
    next_day = timezone.localdate(end) + datetime.timedelta(days=1)
    until = timezone.make_aware(datetime.datetime.combine(next_day + datetime.timedelta(days=1), datetime.time.min))
    appointments = (
        Appointment.objects.filter(
            child__home=home,
            child__discharge_date__isnull=True,
            child__archived=False,
            starts_at__gte=end,
            starts_at__lt=until,
            status=Appointment.Status.BOOKED,
        )
        .select_related("child")
        .order_by("starts_at")
    )
    return [
        HandoverItem(
            f"{a.child.preferred_name}: {a.get_kind_display()} at {timezone.localtime(a.starts_at):%H:%M on %a %-d %b}"
            + (f", {a.place}" if a.place else "")
            + f" ({a.reason})",
            reverse("health_record", args=[a.child_id]),
            a.child_id,
            a.starts_at,
        )
        for a in appointments
    ]


def register() -> None:
    from homes.extensions import register_home_section

    register_home_section("Medicines round", "medicines_round", order=55)
    register_dashboard_panel(
        DashboardPanel(
            name="medicines_due", template="health/panels/medicines_due.html", context=medicines_due_context, order=5
        )
    )
    register_handover_section(HandoverSection(name="allergies", label="Allergies", items=_allergies, order=5))
    register_handover_section(
        HandoverSection(name="medicines", label="Medicines given or missed this shift", items=_doses_in_shift, order=30)
    )
    register_handover_section(
        HandoverSection(name="appointments", label="Appointments tomorrow", items=_appointments_tomorrow, order=60)
    )
