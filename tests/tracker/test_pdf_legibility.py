"""The brain maps in the review PDFs are legible in print, and a signature never stands alone on
a page: measured from the SVG's geometry, read back with pdftotext and drawn with pdftoppm."""

import re
import shutil
import subprocess

import pytest
from django.utils import timezone

from tests.tracker.factories import MeetingFactory
from tests.tracker.test_pdf import build, full_month  # noqa: F401 (a fixture)
from tracker.models import ReviewReport
from tracker.pdf import render_report_html
from tracker.services.report import report_enqueue

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")), reason="poppler-utils is not installed"
)

MM_PER_PT = 25.4 / 72
MIN_CELL_MM = 8
MIN_TEXT_PT = 7
CODES = [f"{domain}{n}" for domain in "SRLC" for n in range(1, 9)]
BAND_LETTERS = {"S", "Mo", "Mi", "T"}

SVG = re.compile(r'<svg[^>]*class="brain-map"[^>]*viewBox="0 0 ([\d.]+) [\d.]+"[^>]*width: ([\d.]+)mm.*?</svg>', re.S)
CELL = re.compile(r'<g class="cell".*?<rect [^>]*width="([\d.]+)" height="([\d.]+)"', re.S)
TEXT = re.compile(r'<text [^>]*font-size="([\d.]+)"[^>]*>(\w+)</text>')


def _maps(html: str) -> list[tuple[float, str]]:
    """(mm per SVG unit, the SVG's markup) for each brain map in the document."""
    return [
        (float(width_mm) / float(view_width), match.group(0))
        for match in SVG.finditer(html)
        for view_width, width_mm in [match.groups()]
    ]


@pytest.fixture
def signed_month(full_month, manager, assessor):  # noqa: F811 (the fixture imported above)
    """The full month, reviewed and signed: the review record can be built."""
    return _signed(full_month, manager, assessor)


def _signed(tracker, manager, assessor):
    tracker.locked_at = timezone.now()
    tracker.save()
    now = timezone.now()
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=now, assessor_signed_at=now)
    return tracker


def _pages(path: str) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True, text=True).stdout.split(
        "\f"
    )


@pytest.mark.parametrize("kind", [ReviewReport.Kind.MEETING_PACK, ReviewReport.Kind.REVIEW_RECORD])
def test_the_brain_map_cells_and_their_text_are_large_enough_in_print(signed_month, kind):
    html = render_report_html(report_enqueue(tracker=signed_month, kind=kind).pk)
    maps = _maps(html)
    assert len(maps) == 2
    for mm_per_unit, svg in maps:
        cells = CELL.findall(svg)
        assert len(cells) == 32
        assert min(float(width) for width, _ in cells) * mm_per_unit >= MIN_CELL_MM
        assert min(float(height) for _, height in cells) * mm_per_unit >= MIN_CELL_MM
        texts = TEXT.findall(svg)
        assert {text for _, text in texts} >= set(CODES)
        assert len([text for _, text in texts if text in BAND_LETTERS]) == 32
        assert min(float(size) for size, _ in texts) * mm_per_unit / MM_PER_PT >= MIN_TEXT_PT


@pytest.mark.parametrize("kind", [ReviewReport.Kind.MEETING_PACK, ReviewReport.Kind.REVIEW_RECORD])
def test_the_codes_and_band_letters_are_text_on_the_rendered_page(signed_month, kind, tmp_path):
    report = build(signed_month, kind)
    pages = _pages(report.file.path)
    caption = "Latest: Initial assessment"
    (index,) = [n for n, page in enumerate(pages) if caption in page]
    page = pages[index]
    words = page.split()
    for code in CODES:
        assert code in words, code
    # The latest map is 3s against a 12-year-old's expectations: every band letter is there as text.
    assert len([word for word in words if word in BAND_LETTERS]) >= 32
    # The page draws: pdftoppm at 100 dpi, the size the brain map is checked at by eye.
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "100",
            "-f",
            str(index + 1),
            "-l",
            str(index + 1),
            "-png",
            report.file.path,
            tmp_path / "map",
        ],
        check=True,
    )
    assert list(tmp_path.glob("map*.png"))


def _signatures_page(path: str) -> list[str]:
    """The lines of the page that holds the signatures, less the running header."""
    (page,) = [page for page in _pages(path) if "Signatures" in page]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[1:]  # the first line is the running header: the child and the document


@pytest.mark.parametrize("lines", range(0, 64, 4))
def test_the_signatures_always_share_their_page_with_the_record_they_sign(tracker, manager, assessor, lines):
    """Whatever the length of the review, the page with the signatures starts with some of it."""
    tracker.psychotherapy_progress = "\n".join(f"Session {n}: talked about school and home." for n in range(lines))
    page = _signatures_page(build(_signed(tracker, manager, assessor), ReviewReport.Kind.REVIEW_RECORD).file.path)
    assert not page[0].startswith("Signatures"), "the signatures start a page of their own"
