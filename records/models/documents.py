"""Documents on a child's record, and the memory box (issue 15, item 1).

A document is a file kept on the child's record — a letter, a report from another agency, a
school report, a certificate, a photo, the child's own drawing — with its kind, its date, a
description and who may see it. The memory box is the child's part of it: documents marked as
theirs to keep (achievements, good news, photos), shown as a gallery on their page.

Files live in Django's default storage (local under var/ by default, an S3-compatible bucket
when configured: see STORAGES in config/settings.py) under names that say nothing of the child,
and are only ever served through access-checked views (records/views/documents.py): there is
no public URL. Nothing is deleted: a document added in error is archived (it leaves the lists
and stays in the history)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.exports import safe_file_name
from records.filetypes import BY_CONTENT_TYPE

DOCUMENT_IN_FUTURE = "The document's date is in the future: give the date it was written, taken or awarded."
DOCUMENT_BEFORE_BIRTH = "The document's date is before {child} was born ({date})."
SENSITIVE_NOT_IN_MEMORY_BOX = (
    "A sensitive document cannot go in the memory box: the memory box is for things {child} can see and keep."
)


def document_upload_to(document: "Document", filename: str) -> str:
    # A random name: the child's name, or what the uploader called the file, never reaches storage.
    return f"documents/{document.child_id}/{uuid.uuid4().hex}{BY_CONTENT_TYPE[document.content_type].suffix}"


def thumbnail_upload_to(document: "Document", filename: str) -> str:
    return f"documents/{document.child_id}/thumbnails/{uuid.uuid4().hex}.jpg"


class DocumentQuerySet(models.QuerySet):
    def current(self) -> "DocumentQuerySet":
        return self.filter(archived=False)

    def memory_box(self) -> "DocumentQuerySet":
        return self.current().filter(in_memory_box=True)


class Document(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Certificate or award"
        ACHIEVEMENT = "achievement", "Achievement or good news"
        PHOTO = "photo", "Photo"
        DRAWING = "drawing", "The child's own drawing or writing"
        KEEPSAKE = "keepsake", "Something to keep"
        SCHOOL_REPORT = "school_report", "School report"
        LETTER = "letter", "Letter"
        AGENCY_REPORT = "agency_report", "Report from another agency"
        HEALTH = "health", "Health document"
        LEGAL = "legal", "Legal or placement document"
        OTHER = "other", "Other document"

    # The kinds the memory box form offers first: the child's part of the record.
    MEMORY_BOX_KINDS = (Kind.CERTIFICATE, Kind.ACHIEVEMENT, Kind.PHOTO, Kind.DRAWING, Kind.KEEPSAKE)

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("Kind of document", max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=150, help_text="A few words: “Swimming certificate, 25 metres”.")
    description = models.TextField(blank=True, help_text="What it is, and why it matters.")
    dated = models.DateField("Date", help_text="When it was written, taken or awarded.")
    in_memory_box = models.BooleanField(
        "In the memory box",
        default=False,
        help_text="Achievements, good news, photos and things the child wants to keep, shown as their gallery.",
    )
    with_child = models.BooleanField(
        "Added with the child", default=False, help_text="The child chose it or added it with you."
    )
    sensitive = models.BooleanField(
        default=False,
        help_text="Only the home's managers and the clinical lead may see it (for example a police or medical report).",
    )
    file = models.FileField(upload_to=document_upload_to, max_length=255)
    thumbnail = models.FileField(upload_to=thumbnail_upload_to, max_length=255, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField("SHA-256", max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField(default=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    archive_reason = models.CharField(max_length=280, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-dated", "-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(sensitive=True) & models.Q(in_memory_box=True)),
                name="document_sensitive_not_in_memory_box",
            ),
            models.CheckConstraint(
                condition=models.Q(archived=False) | ~models.Q(archive_reason=""),
                name="document_archived_with_reason",
            ),
        ]
        indexes = [
            # The documents page, the memory box gallery and the chronology read a child's
            # documents newest first; the tracker counts a month's memory box.
            models.Index(fields=["child", "archived", "-dated"], name="document_child_dated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.dated:%-d %b %Y})"

    @property
    def is_image(self) -> bool:
        kind = BY_CONTENT_TYPE.get(self.content_type)
        return bool(kind and kind.image)

    @property
    def download_name(self) -> str:
        """A safe file name for the download: the title as a slug, with the stored suffix."""
        suffix = BY_CONTENT_TYPE[self.content_type].suffix
        return safe_file_name(f"{self.child.preferred_name} {self.dated:%Y-%m-%d} {self.title}{suffix}")

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.dated and self.dated > timezone.localdate():
            errors["dated"] = [DOCUMENT_IN_FUTURE]
        elif self.dated and self.child_id and self.dated < self.child.date_of_birth:
            errors["dated"] = [
                DOCUMENT_BEFORE_BIRTH.format(
                    child=self.child.preferred_name, date=f"{self.child.date_of_birth:%-d %B %Y}"
                )
            ]
        if self.sensitive and self.in_memory_box and self.child_id:
            errors["sensitive"] = [SENSITIVE_NOT_IN_MEMORY_BOX.format(child=self.child.preferred_name)]
        if errors:
            raise ValidationError(errors)


class DocumentDownload(models.Model):
    """Who downloaded which document, when, and which file (its SHA-256): files leave Hearth,
    so each copy is accounted for."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloaded_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField("SHA-256 of the file downloaded", max_length=64)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self) -> str:
        return f"{self.user} downloaded {self.document} at {self.downloaded_at:%Y-%m-%d %H:%M}"
