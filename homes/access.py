"""Who may see and do what: the one place that decides.

Every view and export gets its querysets of children's and staff records from here.
Reading is decided by querysets (a record outside a person's reach is simply not found,
so views answer 404 and never reveal that it exists); writing by the `can_*` predicates,
which views turn into 403 with `require()`.

Reach:
- administrators and clinical leads: every home and child;
- managers, deputies and care staff: the children of homes where they hold a membership;
- assessors: the children assigned to them, and the children of homes where they hold
  the assessor role.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from children.models import Child
from homes.models import Home, Membership, User


def homes_for(user: User) -> QuerySet[Home]:
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.sees_all_homes:
        return Home.objects.all()
    return Home.objects.filter(memberships__user=user)


def children_for(user: User) -> QuerySet[Child]:
    """Every child record the person may read, in placement or not."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.sees_all_homes:
        return Child.objects.all()
    member_of = Membership.objects.filter(user=user).values("home_id")
    return Child.objects.filter(Q(home_id__in=member_of) | Q(assessor=user))


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


def role_in(user: User, home: Home) -> str | None:
    """The person's role in this home, or None."""
    return Membership.objects.filter(user=user, home=home).values_list("role", flat=True).first()


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


def require(allowed: bool) -> None:
    """Turn a `can_*` answer into a 403 for a record the person can already see."""
    if not allowed:
        raise PermissionDenied


# Monthly review ------------------------------------------------------------------------
# The month's tracker is prepared and the meeting recorded by the home's managers and the
# child's assessor; care staff read the tracker (they live the month with the child). The
# PDFs leave Hearth, so only those who hold the review (and clinical leads) download them.


def can_write_tracker(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home) or (child.assessor_id is not None and child.assessor_id == user.pk)


def can_sign_review(user: User, meeting) -> bool:
    """Only the two people recorded at the meeting sign its record, each for themselves."""
    return user.pk in {meeting.manager_id, meeting.assessor_id}


def can_download_review_reports(user: User, child: Child) -> bool:
    return user.is_clinical_lead or can_write_tracker(user, child)


def can_review_home(user: User, home: Home) -> bool:
    """The home's month of reviews (every child's tracker and PDFs): its managers, the home's
    assessors, administrators and clinical leads."""
    return user.is_clinical_lead or can_manage_home(user, home) or role_in(user, home) == Membership.Role.ASSESSOR


def can_manage_evidence(user: User, home: Home) -> bool:
    """Evidence packs for inspectors: the home's managers and administrators build and share them."""
    return can_manage_home(user, home)


def for_homes(user: User, queryset: QuerySet, *, via: str = "home") -> QuerySet:
    """Restrict any queryset of home-linked records (evidence packs...) to the person's homes."""
    return queryset.filter(**{f"{via}__in": homes_for(user)})
