"""The Annex A table for any period per home: on a page, as CSV (neutralised) and in the
evidence pack, counting only the home's records dated in the period."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.annex_a import annex_a_csv, annex_a_table
from safeguarding.notices_evidence import complaints_csv, evidence_files, notifications_csv
from tests.factories import ChildFactory
from tests.safeguarding.notices_factories import ComplaintFactory, make_notification
from tests.utils import today


def _table(home, start, end) -> dict:
    return {line.label: (line.number, line.children) for line in annex_a_table(home, start, end)}


@pytest.fixture
def year(home, manager, other_home):
    """A year at the home: two admissions in it, one before; one leaver; complaints and
    notifications, one outside the period; and another home's records, never counted."""
    now = timezone.now()
    start, end = today() - datetime.timedelta(days=60), today()
    ruby = ChildFactory(home=home, admission_date=today() - datetime.timedelta(days=30))
    sam = ChildFactory(
        home=home,
        admission_date=today() - datetime.timedelta(days=20),
        discharge_date=today() - datetime.timedelta(days=2),
        discharge_destination="Back home with mum",
    )
    ChildFactory(home=home, admission_date=today() - datetime.timedelta(days=400))
    ComplaintFactory(child=ruby)
    ComplaintFactory(child=ruby, received_at=now - datetime.timedelta(days=5))
    ComplaintFactory(child=sam, received_at=now - datetime.timedelta(days=90))
    make_notification(ruby, by=manager, code="sexual-exploitation")
    make_notification(ruby, by=manager)
    make_notification(sam, by=manager, known_hours_ago=24 * 100)
    elsewhere = ChildFactory(home=other_home)
    ComplaintFactory(child=elsewhere)
    make_notification(elsewhere, code="sexual-exploitation")
    return start, end


def test_the_table_counts_the_homes_records_in_the_period(home, year):
    table = _table(home, *year)
    assert table["Admissions"] == (2, None)
    assert table["Children who left"] == (1, None)
    assert table["Complaints and representations"] == (2, 1)
    assert table["Regulation 40 notifications"] == (2, 1)
    assert table["Children at risk of exploitation"] == (1, 1)


def test_both_ends_of_the_period_count(home, manager):
    child = ChildFactory(home=home, admission_date=today())
    assert _table(home, today(), today())["Admissions"] == (1, None)
    assert _table(home, today() - datetime.timedelta(days=5), today() - datetime.timedelta(days=1))["Admissions"] == (
        0,
        None,
    )
    assert child


def test_the_page_and_its_csv(client_for, home, manager, year):
    start, end = year
    query = {"start": start.isoformat(), "end": end.isoformat()}
    page = client_for(manager).get(reverse("annex_a", args=[home.pk]), query)
    assert page.status_code == 200 and "Children at risk of exploitation" in page.text
    download = client_for(manager).get(reverse("annex_a_download", args=[home.pk]), query)
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["Complaints and representations", "2", "1"] in rows
    assert ["Period", start.isoformat(), end.isoformat()] == rows[1]


def test_a_backwards_period_is_refused_with_a_message(client_for, home, manager):
    page = client_for(manager).get(
        reverse("annex_a", args=[home.pk]), {"start": today().isoformat(), "end": "2020-01-01"}
    )
    assert page.status_code == 200
    assert "The end of the period must be on or after its start." in page.text
    assert "<title>Error: " in page.text


def test_the_csv_cells_are_neutralised(home):
    home.name = "=HYPERLINK(1)"
    home.save()
    assert b"'=HYPERLINK(1)" in annex_a_csv(home, today(), today())


@pytest.mark.parametrize("person", ["staff", "assessor"])
def test_care_staff_and_assessors_get_403(request, client_for, home, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("annex_a", args=[home.pk])).status_code == 403
    assert client.get(reverse("annex_a_download", args=[home.pk])).status_code == 403


@pytest.mark.parametrize("person", ["administrator", "clinical_lead", "deputy"])
def test_the_responsible_individual_and_leads_see_it(request, client_for, home, person):
    assert client_for(request.getfixturevalue(person)).get(reverse("annex_a", args=[home.pk])).status_code == 200


def test_another_homes_manager_gets_404(client_for, home, other_manager):
    assert client_for(other_manager).get(reverse("annex_a", args=[home.pk])).status_code == 404


def test_the_evidence_pack_holds_annex_a_and_the_registers_without_names_or_words(home, manager, year):
    files = dict(evidence_files(home, *year))
    assert set(files) == {"annex-a.csv", "notifications-register.csv", "complaints-register.csv"}
    notifications = notifications_csv(home, *year).decode()
    complaints = complaints_csv(home, *year).decode()
    assert "Regulation 40(4)(a)" in notifications and "Ofsted (HMCI)" in notifications
    assert "Nobody listens" not in complaints and "Police called" not in notifications
    for child in home.children.all():
        assert child.legal_name not in notifications + complaints
