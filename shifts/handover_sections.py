"""This app's parts of every handover (homes.extensions.HandoverSection) and of the before-shift
sheet (children.extensions.BeforeShiftSection): the shift's daily logs, and the flags staff
raised that are still open."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from children.extensions import BeforeShiftSection
from homes.extensions import HandoverItem, HandoverSection
from homes.models import Home
from shifts.models import DailyLog, Handover, HandoverFlag


def _shift_logs(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    """The logs of the shifts that started in the window: the handover's own shift's logs."""
    days = {timezone.localdate(start), timezone.localdate(end)}
    logs = (
        DailyLog.objects.filter(child__home=home, shift_date__in=days, archived=False)
        .select_related("child", "shift")
        .order_by("child__preferred_name", "pk")
    )
    items = []
    for log in logs:
        began = log.shift.window(log.shift_date)[0]
        if not start <= began < end:
            continue
        text = f"{log.child.preferred_name}: {log.get_regulation_display()}. {log.mood}"
        if log.follow_up:
            text += f" To follow up: {log.follow_up}"
        items.append(
            HandoverItem(
                text=text,
                url=reverse("daily_log_detail", args=[log.pk]),
                child_id=log.child_id,
                when=began,
                attention=log.regulation <= DailyLog.Regulation.HARD_TIME or log.flag_for_next_shift,
            )
        )
    return items


def _open_flags(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    """Flags raised before the end of the shift and not resolved by then."""
    flags = (
        HandoverFlag.objects.filter(home=home, raised_at__lt=end)
        .filter(Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        .select_related("child", "raised_by")
    )
    return [
        HandoverItem(
            text=f"{flag.child.preferred_name + ': ' if flag.child_id else ''}{flag.text} (raised by {flag.raised_by})",
            url=reverse("handover_flag_resolve", args=[flag.pk]),
            child_id=flag.child_id,
            when=flag.raised_at,
            attention=True,
        )
        for flag in flags
    ]


SECTIONS = [
    HandoverSection(name="flags", label="Flagged for the next shift", items=_open_flags, order=5),
    HandoverSection(name="daily_logs", label="Daily logs", items=_shift_logs, order=10),
]


# --- the before-shift sheet ----------------------------------------------------------------


def _before_shift_context(user, home, children) -> dict | None:
    """The home's last completed handover (and whether this person has read it), and the open
    flags that concern the whole home."""
    latest = (
        Handover.objects.filter(home=home, status=Handover.Status.COMPLETED)
        .select_related("shift", "completed_by")
        .order_by("-completed_at")
        .first()
    )
    home_flags = list(HandoverFlag.objects.filter(home=home, child__isnull=True, resolved_at__isnull=True))
    if latest is None and not home_flags:
        return None
    read = latest is not None and latest.reads.filter(reader=user).exists()
    return {"handover": latest, "read": read, "flags": home_flags, "home": home}


def _child_flags(children) -> dict[int, list[str]]:
    notes: dict[int, list[str]] = {}
    flags = HandoverFlag.objects.filter(child__in=[c.pk for c in children], resolved_at__isnull=True)
    for flag in flags.order_by("raised_at", "pk"):
        notes.setdefault(flag.child_id, []).append(f"Flagged: {flag.text}")
    return notes


BEFORE_SHIFT = BeforeShiftSection(
    name="handover",
    order=10,
    template="shifts/_before_shift.html",
    context=_before_shift_context,
    child_notes=_child_flags,
)
