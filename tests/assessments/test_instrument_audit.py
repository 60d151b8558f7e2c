"""Instrument changes are audited: a `load_instrument` logs every row it writes, and a later
change to an item or an expectation is logged with old and new values."""

import copy
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from assessments.models import AgeBand, Domain, Expectation, Instrument, Item, ScalePoint
from assessments.services import instrument as loader


@pytest.fixture
def version_two(tmp_path) -> str:
    data = json.loads(loader.DEFAULT_INSTRUMENT_FILE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["version"] = "2"
    path = tmp_path / "instrument.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _created(model, rows) -> int:
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        action=LogEntry.Action.CREATE,
        object_id__in=[row.pk for row in rows],
    ).count()


def test_loading_an_instrument_logs_every_row_it_writes(db, version_two):
    call_command("load_instrument", version_two)
    instrument = Instrument.objects.get(version="2")
    assert _created(Instrument, [instrument]) == 1
    for model, rows in (
        (ScalePoint, instrument.scale_points.all()),
        (AgeBand, instrument.age_bands.all()),
        (Domain, instrument.domains.all()),
        (Item, instrument.items.all()),
        (Expectation, Expectation.objects.filter(item__instrument=instrument)),
    ):
        assert rows.count() and _created(model, rows) == rows.count(), model.__name__


def test_a_change_to_an_expectation_is_logged_old_and_new(db):
    expectation = Expectation.objects.filter(item__instrument__version="1").first()
    old = expectation.expected
    expectation.expected = old + 1
    expectation.save()
    change = LogEntry.objects.get_for_object(expectation).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict == {"expected": [str(old), str(old + 1)]}
