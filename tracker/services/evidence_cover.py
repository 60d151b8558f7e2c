"""The evidence pack's cover (issue 12): the first file an inspector opens, so that the pack reads
without Hearth — the home, the period, who built it and when, the Annex A table for the period,
and every other file in the pack with the SCCIF judgement it evidences."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from homes import extensions
from homes.pdf import html_to_pdf
from tracker.models import EvidencePack

# The cover sorts first in any listing of the pack, and is the ZIP's first entry.
COVER_PATH = "00-cover.pdf"
COVER_LABEL = "Cover and contents list"
COVER_TEMPLATE = "tracker/pdf/evidence_cover.html"


@dataclass(frozen=True)
class CoverEntry:
    """One file of the pack, as written: the cover lists it, the index describes it."""

    path: str
    description: str
    judgement: str
    size: int
    sha256: str


def cover_context(pack: EvidencePack, entries: list[CoverEntry]) -> dict:
    by_judgement = {judgement: [] for judgement in extensions.SCCIF_JUDGEMENTS}
    for entry in entries:
        by_judgement[entry.judgement].append(entry)
    return {
        "pack": pack,
        "home": pack.home,
        "built_by": pack.requested_by,
        "built_at": timezone.localtime(),
        # None when no installed app counts Annex A: the cover then says so rather than show zeros.
        "annex_a": extensions.annex_a_for(pack.home, pack.period_start, pack.period_end),
        "entries": entries,
        "judgements": [{"judgement": judgement, "count": len(files)} for judgement, files in by_judgement.items()],
    }


def evidence_cover_pdf(pack: EvidencePack, entries: list[CoverEntry]) -> bytes:
    return html_to_pdf(render_to_string(COVER_TEMPLATE, cover_context(pack, entries)))
