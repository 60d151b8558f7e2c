"""Files Hearth writes for people to open elsewhere: CSV cells that a spreadsheet cannot run,
and ZIP entry names that cannot leave the folder they are extracted into.

Every CSV goes through `csv_writer`; every ZIP entry name through `zip_entry_name`.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify

# OWASP "CSV Injection": a spreadsheet reads a cell starting with one of these as a formula
# (tab and carriage return can hide the sign from the eye and some parsers).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value: Any) -> Any:
    """The value, with a single quote in front if its text starts like a formula.

    Following OWASP, this includes negative numbers written as text ("-3" becomes "'-3"):
    telling a number from a formula such as "-2+3+cmd|' /C calc'!A0" is exactly the kind of
    guess that lets one through. Hearth's CSVs hold no negative numbers, so nothing true is
    lost. int and float values (counts, sizes) are written as they are unless negative."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return value


class SafeCsvWriter:
    """csv.writer whose every cell goes through safe_csv_cell."""

    def __init__(self, out, **kwargs) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_csv_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(out, **kwargs)


# Names Windows refuses as a file name, with or without an extension.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
MAX_SEGMENT = 60
_EXTENSION = re.compile(r"[a-z0-9]{1,8}")


def safe_slug(text: str, *, fallback: str = "file", max_length: int = MAX_SEGMENT) -> str:
    """ASCII letters, digits, '-' and '_' only (django's slugify: accents dropped, so "Siobhán"
    is "siobhan"), never empty, never a name Windows reserves, at most `max_length` long."""
    slug = slugify(str(text))[:max_length].strip("-_") or fallback
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}_"
    return slug


def safe_file_name(name: str) -> str:
    """One safe_slug file name keeping a short extension: "care plan, v2.pdf" is "care-plan-v2.pdf"
    (for a ZIP entry or a download's Content-Disposition)."""
    stem, dot, extension = name.rpartition(".")
    if dot and _EXTENSION.fullmatch(extension.lower()):
        return f"{safe_slug(stem, max_length=MAX_SEGMENT - len(extension) - 1)}.{extension.lower()}"
    return safe_slug(name)


def zip_entry_name(*parts: str) -> str:
    """A relative path inside a ZIP made of safe segments: each folder a safe_slug, the last part a
    safe_slug with its extension kept. A part that itself holds '/' or '\\' is split first, so
    '../../etc/passwd' becomes 'file/file/etc/passwd', never a step out of the folder."""
    segments = [segment for part in parts for segment in re.split(r"[/\\]", str(part))]
    *folders, name = segments
    return "/".join([*(safe_slug(folder, fallback="folder") for folder in folders), safe_file_name(name)])
