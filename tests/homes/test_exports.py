"""CSV cells cannot run as spreadsheet formulas; ZIP entry names cannot leave their folder."""

import csv
import io

import pytest
from django.urls import reverse

from homes.exports import FORMULA_PREFIXES, csv_writer, safe_csv_cell, safe_slug, zip_entry_name
from homes.models import Membership
from tests.supervision.factories import staff_member


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_a_cell_starting_like_a_formula_is_quoted(prefix):
    assert safe_csv_cell(f'{prefix}HYPERLINK("http://evil")') == f'\'{prefix}HYPERLINK("http://evil")'


def test_each_owasp_prefix_is_covered():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("value", [-3, "-3", -2.5])
def test_negative_numbers_are_quoted_too_as_owasp_advises(value):
    assert safe_csv_cell(value) == f"'{value}"


@pytest.mark.parametrize("value", ["Jess Whitfield", "Siobhán", 42, 0, "3-2", "a=b", "", None, "'already"])
def test_ordinary_cells_are_left_alone(value):
    assert safe_csv_cell(value) == value


def test_the_writer_neutralises_every_cell_of_every_row():
    out = io.StringIO()
    csv_writer(out).writerows([["=1+1", "fine", "@SUM(A1)"], ["+44 7700", -1, "\tx"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["'=1+1", "fine", "'@SUM(A1)"],
        ["'+44 7700", "'-1", "'\tx"],
    ]


def test_the_supervision_compliance_csv_neutralises_a_hostile_name(client_for, home, manager):
    staff_member(home, Membership.Role.CARE_STAFF, full_name='=HYPERLINK("http://evil","Jess")')
    response = client_for(manager).get(reverse("supervision_compliance_csv", args=[home.pk]))
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    assert '\'=HYPERLINK("http://evil","Jess")' in cells
    assert not any(cell.startswith(FORMULA_PREFIXES) for cell in cells)


# --- ZIP entry names ----------------------------------------------------------------------------

HOSTILE = ["../../etc/passwd", "C:\\x", "CON", "con.txt", "a/b", '<>:"|?*', "..", "", "   ", "lpt1", "x" * 300]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_slug_is_plain_ascii_bounded_and_never_reserved(name):
    slug = safe_slug(name)
    assert slug and len(slug) <= 60
    assert all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in slug)
    assert slug.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "lpt1", "com1"}


def test_a_slug_keeps_a_name_readable():
    assert safe_slug("Siobhán Ní Bhriain") == "siobhan-ni-bhriain"


@pytest.mark.parametrize("name", HOSTILE)
def test_an_entry_name_never_steps_out(name):
    path = zip_entry_name("reviews", name, f"{name}.pdf")
    segments = path.split("/")
    assert segments[0] == "reviews"
    assert "\\" not in path and ".." not in segments and not path.startswith("/")
    assert not any(ch in path for ch in '<>:"|?*')
    assert path.endswith(".pdf")


def test_an_entry_name_keeps_the_extension_and_words():
    assert zip_entry_name("plans", "12-zoe", "care plan, version 2.pdf") == "plans/12-zoe/care-plan-version-2.pdf"
