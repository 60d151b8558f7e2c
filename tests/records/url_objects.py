"""How to fill the records app's URL keywords for the generic walks (see tests/url_objects.py)."""

from django.core.files.base import ContentFile

from homes.models import Membership, User
from records.models import Disposal, LegalHold, OwnCopy, Redaction, SubjectAccessRequest, SubjectKind
from tests.factories import UserFactory, member
from tests.records.factories import memory_box_item


def _administrator() -> User:
    return UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR)


def _hold(world) -> int:
    return LegalHold.objects.create(
        kind=SubjectKind.CHILD, child=world.child, reason="Inquiry ref 1", placed_by=_administrator()
    ).pk


def _disposal(world) -> int:
    return Disposal.objects.create(kind=SubjectKind.CHILD, child=world.child, retain_until=world.child.date_of_birth).pk


def _request(world) -> SubjectAccessRequest:
    """A request whose export is ready for review (a file name only: the walks never read it)."""
    return SubjectAccessRequest.objects.create(
        kind=SubjectKind.CHILD,
        child=world.child,
        requested_by="The person themselves",
        received_on=world.child.admission_date,
        opened_by=_administrator(),
        status=SubjectAccessRequest.Status.READY,
        file="subject-access/walk.zip",
        sha256="0" * 64,
    )


def _redaction(world) -> int:
    return Redaction.objects.create(request=_request(world), kind=Redaction.Kind.CONTACT, term="a@example.org").pk


def _own_copy(world) -> int:
    """A child's own copy, ready to download."""
    row = OwnCopy(
        child=world.child,
        kind=OwnCopy.Kind.MY_PLAN,
        queued_by=member(world.home, Membership.Role.MANAGER),
        status=OwnCopy.Status.READY,
        sha256="0" * 64,
    )
    row.file.save("my_plan.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    row.save()
    return row.pk


URL_OBJECTS: dict = {
    # A picture in the memory box: every document view (thumbnail included) has something to show.
    "document_id": lambda world: memory_box_item(world.child).pk,
    "request_id": lambda world: _request(world).pk,
    "redaction_id": _redaction,
    "person_id": lambda world: member(world.home, Membership.Role.CARE_STAFF).pk,
    "hold_id": _hold,
    "disposal_id": _disposal,
    "own_copy_id": _own_copy,
}
