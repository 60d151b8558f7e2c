"""The evidence pack's cover (issue 12): the first file in the ZIP, listed in the index, naming
the home, the period, who built it, Annex A for the period, and every other file in the pack with
the SCCIF judgement it evidences — so an inspector can read the pack without Hearth."""

import datetime
import shutil

import pytest

from homes import extensions
from tests.children.factories import CarePlanFactory, signed
from tests.evidence_pack import build_pack, index_rows, pdf_text
from tests.factories import ChildFactory, HomeFactory, member
from tests.utils import today
from tracker.services.evidence_cover import COVER_PATH

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")

START, END = today() - datetime.timedelta(days=60), today()


def squeezed(text: str) -> str:
    """Without white space or hyphens: a long file name wraps in its narrow column, and pdftotext
    joins a word broken at a hyphen without it."""
    return "".join(text.split()).replace("-", "")


def _children(home) -> None:
    """Two admissions in the period (one also left in it), one before it."""
    ruby = ChildFactory(home=home, preferred_name="Ruby", admission_date=today() - datetime.timedelta(days=30))
    signed(CarePlanFactory(child=ruby))
    ChildFactory(
        home=home,
        admission_date=today() - datetime.timedelta(days=20),
        discharge_date=today() - datetime.timedelta(days=2),
        discharge_destination="Back home with mum",
    )
    ChildFactory(home=home, admission_date=today() - datetime.timedelta(days=400))


def test_the_cover_is_the_first_entry_and_in_the_index(home, manager):
    _children(home)
    archive = build_pack(home=home, user=manager, start=START, end=END)
    assert archive.namelist()[0] == COVER_PATH
    assert archive.read(COVER_PATH).startswith(b"%PDF")
    assert COVER_PATH in index_rows(archive)


def test_the_cover_names_the_home_period_builder_annex_a_and_every_file_with_its_judgement(home, manager):
    _children(home)
    archive = build_pack(home=home, user=manager, start=START, end=END)
    text = pdf_text(archive.read(COVER_PATH))
    assert "Evidence pack: Willow House" in text
    assert f"{START:%-d %B %Y} to {END:%-d %B %Y}" in text
    assert "Built by Grace Okafor" in text

    # Annex A, as the safeguarding app counts it (through homes.extensions, never imported).
    annex_a = {line.label: line for line in extensions.annex_a_for(home, START, END)}
    assert annex_a["Admissions"].number == 2 and annex_a["Children who left"].number == 1
    assert "Admissions 2" in text and "Children who left 1" in text

    # Every other file, each followed by the judgement its section declares.
    rows = index_rows(archive)
    others = [path for path in archive.namelist() if path not in {COVER_PATH, "index.csv"}]
    assert others and set(others) <= set(rows)
    flat, position = squeezed(text), 0
    for path in others:
        judgement = rows[path]["judgement"]
        assert judgement in extensions.SCCIF_JUDGEMENTS, path
        position = flat.index(squeezed(path), position)
        next_path = min((flat.find(squeezed(p), position + 1) for p in others if p != path), default=-1)
        found = flat.find(squeezed(judgement), position)
        assert found != -1 and (next_path == -1 or found < next_path), path
    # Each of the apps' sections declares its judgement where it is registered.
    judged = {path.split("/")[0]: rows[path]["judgement"] for path in others}
    assert judged["plans"] == extensions.EXPERIENCES_AND_PROGRESS
    assert judged["supervision"] == extensions.LEADERS_AND_MANAGERS
    assert judged["safeguarding-registers"] == extensions.HELPED_AND_PROTECTED


def test_a_hostile_home_name_is_text_on_the_cover(db):
    home = HomeFactory(name='<b>Evil</b> & <img src="file:///etc/passwd"> {{ home }}')
    manager = member(home, "manager", full_name="<script>alert(1)</script>", days_in_post=400)
    archive = build_pack(home=home, user=manager, start=START, end=END)
    text = pdf_text(archive.read(COVER_PATH))
    assert '<b>Evil</b> & <img src="file:///etc/passwd"> {{ home }}' in text
    assert "<script>alert(1)</script>" in text


def test_a_section_must_name_an_sccif_judgement():
    with pytest.raises(ValueError):
        extensions.EvidenceSection(name="notes", files=lambda h, s, e: [], judgement="Outstanding")
