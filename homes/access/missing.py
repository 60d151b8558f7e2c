"""Body maps and missing from care (issue 10): who records, who reads.

Care staff, deputies and managers of the child's home record body maps, missing episodes, their
updates, returns and return home interviews (the people on shift when it happens); the home's
managers and deputies review, sign and close a returned episode; assessors,
clinical leads and administrators read them with the rest of the child's record."""

from django.db.models import QuerySet

from children.models import Child
from homes.access.core import for_children, role_in
from homes.models import Membership, User
from safeguarding.models import BodyMap, MissingEpisode


def body_maps_for(user: User) -> QuerySet[BodyMap]:
    return for_children(user, BodyMap.objects.filter(archived=False))


def missing_episodes_for(user: User) -> QuerySet[MissingEpisode]:
    return for_children(user, MissingEpisode.objects.filter(archived=False))


def can_record_body_map(user: User, child: Child) -> bool:
    """Record a body map or add a mark: the care staff, deputies and managers of the child's home."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_record_missing(user: User, child: Child) -> bool:
    """Open a missing episode, add updates, record the return and the return home interview: the
    care staff, deputies and managers of the child's home (whoever is on shift)."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_close_missing(user: User, child: Child) -> bool:
    """Review, sign and close a returned episode: the managers and deputies of the child's home,
    the same people who countersign its incidents."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES
