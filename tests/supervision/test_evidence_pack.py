"""The supervision compliance summary reaches the inspector's evidence pack, and its index."""

import datetime

from tests.evidence_pack import build_pack, index_rows
from tests.supervision.factories import today


def test_the_pack_holds_the_compliance_summary_listed_in_the_index(home, manager, session):
    archive = build_pack(home=home, user=manager, start=today() - datetime.timedelta(days=90), end=today())
    rows = index_rows(archive)
    for path in ("supervision/supervision-compliance.csv", "supervision/supervision-compliance.pdf"):
        assert path in archive.namelist()
        assert rows[path]["description"] == "Supervision compliance"
    assert "Jess Whitfield" in archive.read("supervision/supervision-compliance.csv").decode("utf-8-sig")
