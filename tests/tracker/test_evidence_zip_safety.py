"""An evidence pack built from hostile names extracts inside its folder, with a neutralised index.

Every name a person types that reaches the pack (the home, each child, each member of staff) is
one an attacker might choose; Python's zipfile extracts the pack into a temporary folder and
every file must land inside it."""

import csv
import io

import pytest
from django.core.files.base import ContentFile

from children import evidence as children_evidence
from homes.exports import FORMULA_PREFIXES, WINDOWS_RESERVED
from homes.models import Membership
from supervision.services import compliance
from tests.children.factories import CarePlanFactory, RiskAssessmentFactory, signed
from tests.evidence_pack import build_pack
from tests.factories import ChildFactory, HomeFactory, member
from tests.supervision.factories import staff_member, today
from tests.tracker.factories import LAST_MONTH, TrackerFactory
from tracker.models import ReviewReport

HOSTILE_NAMES = [
    "../../etc/passwd",
    "C:\\x",
    "CON",
    "nul.txt",
    "a/b/../../c",
    '<>:"|?*',
    "=cmd|' /C calc'!A0",
    "..",
    "/absolute",
]
WINDOWS_REFUSES = set('<>:"|?*\\')


@pytest.fixture(autouse=True)
def _quick_pdfs(settings, tmp_path, monkeypatch):
    """Names are under test, not WeasyPrint: the sections' PDFs are their HTML."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(children_evidence, "html_to_pdf", str.encode)
    monkeypatch.setattr(compliance, "html_to_pdf", str.encode)


def _hostile_home():
    home = HomeFactory(name="../../evil home")
    manager = member(home, Membership.Role.MANAGER, full_name='=HYPERLINK("http://evil")', days_in_post=400)
    for name in HOSTILE_NAMES:
        staff_member(home, full_name=f"-{name}")
        child = ChildFactory(home=home, preferred_name=name, legal_name=name)
        signed(CarePlanFactory(child=child))
        signed(RiskAssessmentFactory(child=child))
        report = ReviewReport.objects.create(tracker=TrackerFactory(child=child, month=LAST_MONTH), kind="meeting_pack")
        report.file.save("pack.pdf", ContentFile(b"%PDF-1.4 a stand-in"), save=False)
        report.sha256, report.status = "0" * 64, ReviewReport.Status.READY
        report.save()
    return home, manager


def test_every_entry_extracts_inside_the_target_folder(db, tmp_path):
    home, manager = _hostile_home()
    archive = build_pack(home=home, user=manager, start=LAST_MONTH, end=today())
    names = archive.namelist()
    # Each child's review, plan and risk assessment in a folder of the child's own; the home's
    # registers and logs (whatever apps add them) sit one level up, beside the index.
    in_a_childs_folder = [name for name in names if name.count("/") == 2]
    assert len(in_a_childs_folder) == 3 * len(HOSTILE_NAMES)
    assert "index.csv" in names

    target = (tmp_path / "extracted").resolve()
    for name in names:
        assert (target / name).resolve().is_relative_to(target), name
        segments = name.split("/")
        assert ".." not in segments and "" not in segments, name
        assert not WINDOWS_REFUSES & set(name), name
        assert name.isascii() and len(name) < 200, name
        assert not any(segment.split(".")[0].lower() in WINDOWS_RESERVED for segment in segments), name
    archive.extractall(target)
    extracted = {path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()}
    assert extracted == set(names)
    assert all(path.resolve().is_relative_to(target) for path in target.rglob("*"))


def test_the_index_and_the_compliance_csv_are_neutralised(db):
    home, manager = _hostile_home()
    archive = build_pack(home=home, user=manager, start=LAST_MONTH, end=today())
    index = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    summary = list(csv.reader(io.StringIO(archive.read("supervision/supervision-compliance.csv").decode("utf-8-sig"))))
    cells = [cell for row in [*index, *summary] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
    assert '\'=HYPERLINK("http://evil")' in cells  # the manager
    assert "'-../../etc/passwd" in cells  # a member of staff
    assert "Meeting pack, =cmd|' /C calc'!A0, " in " ".join(cells)  # mid-cell: no formula, left as typed
