"""Adding documents to a child's record, archiving them, and accounting for each download."""

import hashlib
import io
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from PIL import Image, ImageOps

from children.models import Child
from homes.models import User
from records import filetypes
from records.models import Document, DocumentDownload

FILE_TOO_LARGE = "The file is larger than {limit}: scan or save it at a lower resolution, or split it."
FILE_EMPTY = "The file is empty: choose the file again."
ARCHIVE_NEEDS_REASON = "Say why the document is being taken off the record (for example, added to the wrong child)."
ALREADY_ARCHIVED = "This document has already been taken off the record."
# Gallery thumbnails: the longest side, in pixels (sharp on an iPad's retina screen at 240 px).
THUMBNAIL_SIZE = 480


def size_limit_text(limit: int | None = None) -> str:
    limit = limit or settings.DOCUMENT_MAX_BYTES
    megabytes = limit / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{limit // 1024} KB"


def document_check_file(*, upload: IO[bytes], name: str, size: int) -> filetypes.FileKind:
    """The file's kind if Hearth keeps it, or ValidationError({'file': ...}) saying what to do."""
    if size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError({"file": FILE_TOO_LARGE.format(limit=size_limit_text())})
    if size == 0:
        raise ValidationError({"file": FILE_EMPTY})
    try:
        return filetypes.check(upload, name)
    except filetypes.FileTypeError as error:
        raise ValidationError({"file": str(error)}) from None


def _sha256(upload: IO[bytes]) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def make_thumbnail(upload: IO[bytes]) -> bytes:
    """A small JPEG of a picture, the right way up (phones and iPads record rotation in EXIF),
    and without the original's metadata (a photo's location stays in the original only)."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        if image.mode in {"RGBA", "LA", "P"}:
            # Drawings with transparency: on white paper, as they were drawn.
            image = image.convert("RGBA")
            paper = Image.new("RGB", image.size, "white")
            paper.paste(image, mask=image.getchannel("A"))
            image = paper
        elif image.mode != "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82, optimize=True)
    upload.seek(0)
    return out.getvalue()


@transaction.atomic
def document_add(
    *,
    child: Child,
    added_by: User,
    upload: File,
    kind: str,
    title: str,
    dated,
    description: str = "",
    in_memory_box: bool = False,
    with_child: bool = False,
    sensitive: bool = False,
) -> Document:
    """Keep a file on the child's record: checked by content and size, stored under a random
    name with its SHA-256, a thumbnail made for pictures (the gallery)."""
    file_kind = document_check_file(upload=upload, name=upload.name or "", size=upload.size or 0)
    document = Document(
        child=child,
        added_by=added_by,
        kind=kind,
        title=title,
        description=description,
        dated=dated,
        in_memory_box=in_memory_box,
        with_child=with_child,
        sensitive=sensitive,
        original_name=(upload.name or "")[-255:],
        content_type=file_kind.content_type,
        size=upload.size,
        sha256=_sha256(upload),
    )
    document.full_clean(exclude=["file", "thumbnail"])
    document.file.save("upload", upload, save=False)
    if file_kind.image:
        document.thumbnail.save("thumbnail", ContentFile(make_thumbnail(upload)), save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        # Nothing refers to the stored files: remove them rather than leave orphans. (A later
        # rollback of the whole request, rare, leaves them unreferenced in storage, harmless.)
        for field in (document.file, document.thumbnail):
            if field:
                field.storage.delete(field.name)
        raise
    return document


@transaction.atomic
def document_archive(*, document: Document, archived_by: User, reason: str) -> Document:
    """Take a document added in error off the record: it leaves the lists, the gallery and the
    chronology, and stays in the database, the storage and the change history."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.archived:
        raise ValidationError(ALREADY_ARCHIVED)
    if not reason.strip():
        raise ValidationError({"archive_reason": ARCHIVE_NEEDS_REASON})
    document.archived = True
    document.archived_by = archived_by
    document.archive_reason = reason.strip()
    document.full_clean()
    document.save(update_fields=["archived", "archived_by", "archive_reason"])
    return document


def document_download_log(*, document: Document, user: User) -> DocumentDownload:
    """Who downloaded the file, when, and which file (its SHA-256): every download is logged."""
    return DocumentDownload.objects.create(document=document, user=user, sha256=document.sha256)
