"""One module per record kind; each is imported here so Django finds its models."""

from records.models.documents import Document, DocumentDownload  # noqa: F401
from records.models.own_copy import OwnCopy  # noqa: F401
from records.models.retention import Disposal, LegalHold, StaffDeparture, SubjectKind, Tombstone  # noqa: F401
from records.models.subject_access import Redaction, SubjectAccessDownload, SubjectAccessRequest  # noqa: F401
