"""Documents and the memory box (issue 15).

Documents follow the child's access rules (whoever reads the child reads their documents), with
one more: a document flagged sensitive is for the managers of the child's home (the registered
manager and deputies) and the clinical lead only. To anyone else it does not exist (404), and
it is left out of lists, the gallery and the chronology. Administrators set up homes and people;
a sensitive document is not theirs to read (subject access reaches it through its own rules)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from children.models import Child
from homes.access.core import children_for, role_in
from homes.models import Membership, User
from records.models import Document, OwnCopy


def can_see_sensitive_documents(user: User, child: Child) -> bool:
    return user.is_clinical_lead or role_in(user, child.home) in Membership.MANAGING_ROLES


def documents_for(user: User, child: Child) -> QuerySet[Document]:
    """The child's documents (current and archived) this person may see; the child must already
    be in their reach (get_child_for)."""
    documents = Document.objects.filter(child=child)
    if not can_see_sensitive_documents(user, child):
        documents = documents.filter(sensitive=False)
    return documents


def get_document_for(user: User, pk: int) -> Document:
    """One document by id, or 404: its child outside the person's reach, or sensitive and the
    person not one who may see sensitive documents."""
    document = (
        Document.objects.filter(child__in=children_for(user)).select_related("child__home", "added_by").filter(pk=pk)
    ).first()
    if document is None or (document.sensitive and not can_see_sensitive_documents(user, document.child)):
        raise Http404("No document found.")
    return document


def can_add_documents(user: User, child: Child) -> bool:
    """Add documents and memory box items: the people who care for the child day to day (care
    staff, deputies, managers of the child's home) and the clinical lead."""
    return user.is_clinical_lead or role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def can_archive_documents(user: User, child: Child) -> bool:
    """Take a document added in error off the record (archived, never deleted): the managers of
    the child's home."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES


def can_make_own_copy(user: User, child: Child) -> bool:
    """Build, print and download the child's own copy (their plan and story, the moving-on
    pack), to go through with the child: the managers of the child's home."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES


def get_own_copy_for(user: User, pk: int) -> OwnCopy:
    """One of a child's own copies by id: 404 outside the person's reach, 403 for a person who
    reads the child but does not make their copies."""
    row = OwnCopy.objects.filter(child__in=children_for(user)).select_related("child__home").filter(pk=pk).first()
    if row is None:
        raise Http404("No copy found.")
    if not can_make_own_copy(user, row.child):
        raise PermissionDenied
    return row
