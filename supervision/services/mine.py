"""A person's own supervision at a glance, for the my-supervision page and dashboard panel."""

from django.db.models import Max
from django.utils import timezone

from homes import access
from homes.models import User
from supervision.models import Attendance, SupervisionSession


def my_supervision_summary(user: User) -> dict:
    """Four queries: next dates, sessions awaiting the person's signature, open actions, last
    supervised."""
    today = timezone.localdate()
    mine = Attendance.objects.filter(person=user)
    upcoming = list(
        SupervisionSession.objects.filter(attendances__person=user, next_on__gte=today)
        .select_related("supervisor", "home")
        .order_by("-held_on", "-pk")
    )
    # The latest session of each kind sets the next date of that kind.
    next_by_kind: dict[str, SupervisionSession] = {}
    for session in upcoming:
        next_by_kind.setdefault(session.kind, session)
    # The union of two indexed subqueries (the person's unsigned attendances; the sessions they
    # supervised and have not signed: partial indexes on unsigned rows): not a join over every
    # session with DISTINCT, nor an OR, which reads every session of the provider to test it.
    unsigned_attendances = Attendance.objects.filter(person=user, signed_at__isnull=True).values("session_id")
    unsigned_supervised = SupervisionSession.objects.filter(supervisor=user, supervisor_signed_at__isnull=True)
    either = unsigned_attendances.order_by().union(unsigned_supervised.values("pk").order_by())
    to_sign = list(SupervisionSession.objects.filter(pk__in=either).order_by("-held_on", "-pk"))
    actions = list(
        access.supervision_actions_for(user)
        .filter(owner=user, done_on__isnull=True)
        .select_related("session", "owner")
        .order_by("due_on")
    )
    last = mine.filter(session__kind__in=SupervisionSession.SUPERVISION_KINDS).aggregate(last=Max("session__held_on"))
    return {
        "upcoming": sorted(next_by_kind.values(), key=lambda s: s.next_on),
        "to_sign": to_sign,
        "open_actions": actions,
        "last_supervised": last["last"],
        "today": today,
    }
