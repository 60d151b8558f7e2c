"""One module per record kind; each is imported here so Django finds its models."""

from records.models.documents import Document, DocumentDownload  # noqa: F401
