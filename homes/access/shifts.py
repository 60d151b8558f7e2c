"""The daily log, shift patterns and shift handovers (issue 11).

Care staff, deputies and managers of a home write its logs and handovers and mark handovers read;
managers and deputies set the home's shift pattern; assessors and clinical leads read. A daily
log is a child's record (reached through the child); a handover is the home's (reached through
the home), and it names only the home's children."""

from django.db.models import QuerySet

from children.models import Child
from homes.access.core import can_manage_home, for_children, for_homes, get_for_children, role_in
from homes.models import Home, Membership, User
from shifts.models import DailyLog, Handover, HandoverFlag, ShiftPattern


def daily_logs_for(user: User) -> QuerySet[DailyLog]:
    """The daily logs of the children the person may read (archived entries left out)."""
    return for_children(user, DailyLog.objects.filter(archived=False))


def get_daily_log_for(user: User, pk: int) -> DailyLog:
    logs = DailyLog.objects.filter(archived=False).select_related("child__home", "shift", "author")
    return get_for_children(user, logs, pk)


def can_write_daily_log(user: User, child: Child) -> bool:
    """The care staff, deputies and managers of the child's home, while the child lives there."""
    return child.in_placement and role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_edit_daily_log(user: User, log: DailyLog, now=None) -> bool:
    """Its author, inside the correction window; the change history keeps what it said."""
    return (
        log.author_id == user.pk
        and log.is_editable(now)
        and role_in(user, log.child.home) in Membership.KEY_WORKER_ROLES
    )


def shift_patterns_for(user: User) -> QuerySet[ShiftPattern]:
    return for_homes(user, ShiftPattern.objects.all())


def can_manage_shift_pattern(user: User, home: Home) -> bool:
    """Set the home's shifts: its manager and deputies, and administrators."""
    return can_manage_home(user, home)


def handovers_for(user: User) -> QuerySet[Handover]:
    """The handovers of the homes the person reaches."""
    return for_homes(user, Handover.objects.all())


def handover_flags_for(user: User) -> QuerySet[HandoverFlag]:
    return for_homes(user, HandoverFlag.objects.all())


def can_write_handover(user: User, home: Home) -> bool:
    """Write, complete and mark read a home's handovers, and raise or resolve flags: the people
    who work the home's shifts."""
    return role_in(user, home) in Membership.KEY_WORKER_ROLES
