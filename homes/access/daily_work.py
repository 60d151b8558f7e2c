"""Key working, daily care and provision."""

from collections.abc import Iterable

from django.db.models import QuerySet

from children.models import Activity, Child, KeyWorkingSession
from homes.access.core import home_ids_of, role_in
from homes.models import Home, Membership, User

# Key working, daily care and provision


def can_log_daily_work(user: User, child: Child) -> bool:
    """Log key working and activities and fill in provision registers: the care staff, deputies
    and managers of the child's home (the people who do the work). Assessors and provider-wide
    roles read these records but do not write them."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def key_children_of(user: User) -> QuerySet[Child]:
    """The children in placement whose key worker the person is, in homes where they may still
    log daily work (can_log_daily_work holds for every one): the care worker's dashboard list."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    logs_in = home_ids_of(user, Membership.KEY_WORKER_ROLES)
    return Child.objects.in_placement().filter(key_worker=user, home_id__in=logs_in)


# Who is shown a home's overdue work first: those who run it or assess its children.
OVERSEEING_ROLES = frozenset({*Membership.MANAGING_ROLES, Membership.Role.ASSESSOR})


def shows_overdue_work(user: User, home: Home) -> bool:
    """Whether the person is shown this home's overdue work first (homes.extensions.OVERSIGHT
    panels): they run or assess in it, or they see every home. No query within `roles_known`."""
    return user.sees_all_homes or role_in(user, home) in OVERSEEING_ROLES


def can_edit_key_working(user: User, session: KeyWorkingSession, now=None) -> bool:
    """Its author, inside the correction window; after that it can only be amended."""
    return session.author_id == user.pk and session.is_editable(now) and can_log_daily_work(user, session.child)


def can_amend_key_working(user: User, session: KeyWorkingSession) -> bool:
    """Its author, or a manager or deputy of the child's home, with a reason."""
    if not can_log_daily_work(user, session.child):
        return False
    return session.author_id == user.pk or role_in(user, session.child.home) in Membership.MANAGING_ROLES


def can_arrange_provision(user: User, child: Child) -> bool:
    """Set up or change the education and therapy sourced for a child: the home's managers."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES


def archivable_activities(user: User, child: Child, activities: Iterable[Activity], now=None) -> set[int]:
    """Which of these quick entries the person may take back (archive, never delete): their
    own within a day of recording them, or any as a manager or deputy of the child's home.
    One query, for the whole list."""
    role = role_in(user, child.home)
    if role not in Membership.KEY_WORKER_ROLES:
        return set()
    if role in Membership.MANAGING_ROLES:
        return {activity.pk for activity in activities}
    return {a.pk for a in activities if a.recorded_by_id == user.pk and a.recently_recorded(now)}


def can_archive_activity(user: User, activity: Activity, now=None) -> bool:
    return activity.pk in archivable_activities(user, activity.child, [activity], now)
