"""One module per record kind; each is imported here so Django finds its models."""

from records.models.retention import Disposal, LegalHold, StaffDeparture, SubjectKind, Tombstone  # noqa: F401
