from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from homes import access
from shifts.models import DailyLog
from shifts.services.shift_pattern import current_shift

RECENT_HANDOVERS = 5


@login_required
@require_GET
def shifts_home(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's daily log and handover tab: the shift running now, each child's log for it
    (written or still to write), and the handovers."""
    home = access.get_home_for(request.user, home_id)
    children = list(access.children_for(request.user).filter(home=home).in_placement())
    access.log_reads(request.user, children)  # the page shows whose log is written
    now_shift = current_shift(home)
    logged = {}
    if now_shift is not None:
        logs = DailyLog.objects.filter(
            child__in=children, shift=now_shift[0], shift_date=now_shift[1], archived=False
        ).select_related("author")
        logged = {log.child_id: log for log in logs}
    rows = [(child, logged.get(child.pk)) for child in children]
    context = {
        "home": home,
        "shift": now_shift,
        "rows": rows,
        "can_write": access.can_write_handover(request.user, home),
        "can_manage_pattern": access.can_manage_shift_pattern(request.user, home),
        "has_pattern": home.shift_patterns.exists(),
    }
    context.update(_extra_context(request, home))
    return render(request, "shifts/home.html", context)


def _extra_context(request: HttpRequest, home) -> dict:
    """The latest handovers (and which of them this person has not read) and the open flags."""
    handovers = list(
        access.handovers_for(request.user)
        .filter(home=home)
        .select_related("shift")
        .prefetch_related("reads")[:RECENT_HANDOVERS]
    )
    unread = {h.pk for h in handovers if h.is_completed and all(r.reader_id != request.user.pk for r in h.reads.all())}
    flags = access.handover_flags_for(request.user).filter(home=home, resolved_at__isnull=True)
    from shifts.views.language import home_panel_context

    return {
        "handovers": handovers,
        "unread": unread,
        "flags": flags.select_related("child", "raised_by"),
        "data": home_panel_context(request.user, home),
    }
