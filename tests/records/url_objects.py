"""How to fill the records app's URL keywords for the generic walks (see tests/url_objects.py)."""

from homes.models import Membership, User
from records.models import Disposal, LegalHold, SubjectKind
from tests.factories import UserFactory, member


def _administrator() -> User:
    return UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR)


def _hold(world) -> int:
    return LegalHold.objects.create(
        kind=SubjectKind.CHILD, child=world.child, reason="Inquiry ref 1", placed_by=_administrator()
    ).pk


def _disposal(world) -> int:
    return Disposal.objects.create(kind=SubjectKind.CHILD, child=world.child, retain_until=world.child.date_of_birth).pk


URL_OBJECTS: dict = {
    "person_id": lambda world: member(world.home, Membership.Role.CARE_STAFF).pk,
    "hold_id": _hold,
    "disposal_id": _disposal,
}
