"""What a file really is, from its bytes, not its name or the browser's word for it.

A document uploaded to a child's record is accepted only when its content is one of the kinds
below: a PDF, a photo or drawing (PNG, JPEG, GIF, WebP, checked by decoding it), or a modern
office document (Word, Excel, OpenDocument), which is a ZIP that must hold that kind's parts
and no macros. Legacy binary Office files (.doc, .xls) are refused: they cannot be checked and
may carry macros; the message says to save them as PDF or .docx. The file's name only has to
agree with what it is (a .pdf that is really a .exe is refused)."""

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image, UnidentifiedImageError

# A photo larger than this many pixels is refused before it is decoded (a "decompression bomb"
# of a few kilobytes can unpack to gigabytes). 50 megapixels is larger than any phone's camera.
MAX_IMAGE_PIXELS = 50_000_000

WRONG_TYPE = (
    "The file must be a PDF, a photo or picture (JPEG, PNG, GIF or WebP) or an office document "
    "(Word .docx, Excel .xlsx or OpenDocument)."
)
LEGACY_OFFICE = "This is an old-style Office file (.doc or .xls): save it as PDF or .docx and upload that."
MACROS = "This office document contains macros, which Hearth does not keep: save it as PDF or .docx without macros."
NAME_DISAGREES = (
    "The file's name ends in {suffix} but the file is a {kind}: "
    "rename it to end in {expected} or choose the right file."
)
DAMAGED = "The file could not be read as a {kind}: it may be damaged. Try saving or scanning it again."


@dataclass(frozen=True)
class FileKind:
    name: str  # for people: "PDF", "JPEG picture"
    content_type: str
    suffixes: tuple[str, ...]  # the first is the one Hearth stores it under
    image: bool = False

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


PDF = FileKind("PDF", "application/pdf", (".pdf",))
PNG = FileKind("PNG picture", "image/png", (".png",), image=True)
JPEG = FileKind("JPEG picture", "image/jpeg", (".jpg", ".jpeg", ".jpe"), image=True)
GIF = FileKind("GIF picture", "image/gif", (".gif",), image=True)
WEBP = FileKind("WebP picture", "image/webp", (".webp",), image=True)
DOCX = FileKind("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileKind("Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ODT = FileKind("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileKind("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
KINDS = (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, ODT, ODS)
BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS}
# Pillow's name for each image format it decodes.
_PILLOW_FORMATS = {"PNG": PNG, "JPEG": JPEG, "GIF": GIF, "WEBP": WEBP}
_OPENDOCUMENT = {ODT.content_type.encode(): ODT, ODS.content_type.encode(): ODS}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls, .ppt (and .msg)


class FileTypeError(ValueError):
    """The file is not one Hearth keeps; the message says what to do."""


def _head(file: IO[bytes], size: int = 64) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _image_kind(file: IO[bytes]) -> FileKind:
    """Decode the whole image (not just its header), so a file that only starts like a
    picture is refused."""
    try:
        with Image.open(file) as image:
            kind = _PILLOW_FORMATS.get(image.format or "")
            if kind is None:
                raise FileTypeError(WRONG_TYPE)
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise FileTypeError(DAMAGED.format(kind=kind.name))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        if isinstance(error, FileTypeError):
            raise
        raise FileTypeError(WRONG_TYPE) from None
    finally:
        file.seek(0)
    return kind


def _zip_kind(file: IO[bytes]) -> FileKind:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = _OPENDOCUMENT.get(archive.read("mimetype").strip())
                if kind is None:
                    raise FileTypeError(WRONG_TYPE)
                if any(name.lower().startswith("basic/") for name in names):
                    raise FileTypeError(MACROS)
                return kind
            if "[Content_Types].xml" not in names:
                raise FileTypeError(WRONG_TYPE)
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise FileTypeError(MACROS)
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            raise FileTypeError(WRONG_TYPE)
    except zipfile.BadZipFile:
        raise FileTypeError(WRONG_TYPE) from None
    finally:
        file.seek(0)


def detect(file: IO[bytes]) -> FileKind:
    """The kind of file this is, from its content, or FileTypeError saying what to do."""
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE):
        raise FileTypeError(LEGACY_OFFICE)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    if (
        head.startswith(b"\x89PNG\r\n\x1a\n")
        or head.startswith(b"\xff\xd8\xff")
        or head[:6] in {b"GIF87a", b"GIF89a"}
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return _image_kind(file)
    raise FileTypeError(WRONG_TYPE)


def check(file: IO[bytes], name: str) -> FileKind:
    """`detect`, and the file's name must agree with what it is."""
    kind = detect(file)
    suffix = Path(name).suffix.lower()
    if suffix not in kind.suffixes:
        raise FileTypeError(
            NAME_DISAGREES.format(suffix=suffix or "nothing", kind=kind.name, expected=" or ".join(kind.suffixes))
        )
    return kind
