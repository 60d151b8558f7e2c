"""Reach: which homes and children a person reads, the helpers every domain module uses, and logging reads."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from children.models import Child
from homes.models import Home, Membership, User


def homes_for(user: User) -> QuerySet[Home]:
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.sees_all_homes:
        return Home.objects.all()
    return Home.objects.filter(pk__in=home_ids_of(user))


def homes_with_role(user: User, roles) -> QuerySet[Home]:
    """The homes where `user` currently holds one of `roles` (ended memberships grant nothing)."""
    return Home.objects.filter(pk__in=home_ids_of(user, roles))


def home_ids_of(user: User, roles=None) -> list[int] | QuerySet:
    """The ids of the homes where the person currently holds a role (one of `roles`, if given),
    for `home_id__in`: within `roles_known` (every reading request), once they are read, a list
    from the memberships, so a page's dozens of access querysets neither ask the memberships
    again nor carry a subquery each; otherwise a subquery."""
    known = getattr(user, "_roles_known", None)
    if known is not None and known is not _UNREAD:
        return [home_id for home_id, role in known.items() if roles is None or role in roles]
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("home_id")


def children_for(user: User) -> QuerySet[Child]:
    """Every child record the person may read, in placement or not."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.sees_all_homes:
        return Child.objects.all()
    return Child.objects.filter(Q(home_id__in=home_ids_of(user)) | Q(assessor=user))


def for_children(user: User, queryset: QuerySet, *, via: str = "child") -> QuerySet:
    """Restrict any queryset of child-linked records (plans, assessments, sessions...) to the
    children the person may read. `via` is the lookup from the record to its Child."""
    return queryset.filter(**{f"{via}__in": children_for(user)})


def get_for_children(user: User, queryset: QuerySet, pk: int, *, via: str = "child"):
    """One child-linked record by id, or 404 if its child is outside the person's reach."""
    return get_object_or_404(for_children(user, queryset, via=via), pk=pk)


def get_home_for(user: User, pk: int) -> Home:
    return get_object_or_404(homes_for(user), pk=pk)


def get_child_for(user: User, pk: int) -> Child:
    return get_object_or_404(children_for(user).select_related("home", "key_worker", "assessor"), pk=pk)


# Reads: every read of a child's record is logged (DESIGN), by the pages that show one.


def log_read(user: User, record: Model) -> None:
    """Record that the person read this child's record, or one of its records (a plan, a
    key-working session...): an ACCESS entry in the record's audit history. Who (and from
    where) comes from AuditlogMiddleware, which knows the request's person as `user`."""
    accessed.send(sender=type(record), instance=record)


def log_reads(user: User, children: Iterable[Child]) -> None:
    """`log_read` for each child a page shows (a home's list, the before-shift sheet), in one
    insert however many: the same entries the `accessed` signal writes one by one."""
    children = list(children)
    if not children:
        return
    request = auditlog_value.get({})  # where AuditlogMiddleware keeps the request's address
    content_type = ContentType.objects.get_for_model(Child)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(child.pk),
            object_id=child.pk,
            object_repr=str(child),
            action=LogEntry.Action.ACCESS,
            actor=user,
            actor_email=user.email,
            remote_addr=request.get("remote_addr"),
            remote_port=request.get("remote_port"),
            cid=get_cid(),
        )
        for child in children
    )


# `roles_known` blocks keep the person's role in each home on the user object; lazily, a block
# that has not needed them yet holds this marker, and they are read when first asked.
_UNREAD = object()


def _memberships_read(user: User) -> dict[int, str]:
    return dict(Membership.objects.filter(user=user).order_by().values_list("home_id", "role"))


def _roles_in_block(user: User) -> dict[int, str] | None:
    """The roles the enclosing `roles_known` block holds (read now, if it waited to be asked),
    or None outside one."""
    known = getattr(user, "_roles_known", None)
    if known is _UNREAD:
        known = user._roles_known = _memberships_read(user)
    return known


def role_in(user: User, home: Home) -> str | None:
    """The person's role in this home, or None (within `roles_known`, without a query)."""
    known = _roles_in_block(user)
    if known is not None:
        return known.get(home.pk)
    return Membership.objects.filter(user=user, home=home).values_list("role", flat=True).first()


def roles_of(user: User) -> dict[int, str]:
    """The person's current role in each home they work in, by home id (within `roles_known`,
    without a query)."""
    known = _roles_in_block(user)
    return known if known is not None else _memberships_read(user)


@contextmanager
def roles_known(user: User, *, lazily: bool = False) -> Iterator[None]:
    """Within the block, `role_in` and `roles_of` answer from the person's memberships read once:
    a page that checks the person's role in each of forty homes (the dashboard's panels and
    sections) costs one query, not forty. `lazily`: read when first asked (every reading page is
    in such a block, homes.middleware.RolesKnownMiddleware, and many never ask). Blocks may nest
    (an inner one reads only what a lazy outer one has not). Only for reading: a membership
    changed inside the block is not seen."""
    if hasattr(user, "_roles_known"):
        if not lazily:
            _roles_in_block(user)
        yield
        return
    user._roles_known = _UNREAD if lazily else _memberships_read(user)
    try:
        yield
    finally:
        del user._roles_known


def can_manage_home(user: User, home: Home) -> bool:
    """Admit and discharge children and edit their details: managers of the home and administrators.

    Deputy managers count as managers: they run the home when the registered manager is away.
    """
    if user.is_administrator:
        return True
    return role_in(user, home) in Membership.MANAGING_ROLES


def can_admit(user: User, home: Home) -> bool:
    return can_manage_home(user, home)


def can_edit_child(user: User, child: Child) -> bool:
    # Discharged children's records stay correctable: the record outlives the placement.
    return can_manage_home(user, child.home)


def can_discharge(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home)


def can_view_history(user: User, child: Child) -> bool:
    """Change and access history: the home's managers, administrators and clinical leads."""
    return user.is_clinical_lead or can_manage_home(user, child.home)


def can_view_system_status(user: User) -> bool:
    """The status page (database, broker, workers, beat, queues): provider administrators, who
    run Hearth. It holds no child's record, but says how the system is built; others get 404."""
    return user.is_authenticated and user.is_active and user.is_administrator


def require(allowed: bool) -> None:
    """Turn a `can_*` answer into a 403 for a record the person can already see."""
    if not allowed:
        raise PermissionDenied


def for_homes(user: User, queryset: QuerySet, *, via: str = "home") -> QuerySet:
    """Restrict any queryset of home-linked records (evidence packs...) to the person's homes."""
    return queryset.filter(**{f"{via}__in": homes_for(user)})


def runs_home(user: User, home: Home) -> bool:
    """The person is the home's manager or deputy (`homes_run_by`, for one home)."""
    return role_in(user, home) in Membership.MANAGING_ROLES


def homes_run_by(user: User) -> QuerySet[Home]:
    """The homes where the person is the manager or deputy: whose reviews, signatures and staff
    are theirs to act on (their task list). Provider-wide roles see every home but run none: they
    act on the provider overview instead."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    return homes_with_role(user, Membership.MANAGING_ROLES)
