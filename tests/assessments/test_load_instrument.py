"""`load_instrument FILE` loads a new instrument version and refuses a bad file, writing nothing."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from assessments.models import AgeBand, Expectation, Instrument, Item
from assessments.services import instrument as loader
from children.brain import Region


@pytest.fixture
def default_data() -> dict:
    return json.loads(loader.DEFAULT_INSTRUMENT_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def new_version(default_data) -> dict:
    data = copy.deepcopy(default_data)
    data["version"] = "2"
    return data


def write(tmp_path, data) -> str:
    path = tmp_path / "instrument.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_default_instrument_is_loaded_by_migration(db):
    instrument = Instrument.objects.get(name="Hearth developmental functioning map", version="1")
    assert instrument.items.count() == 32
    assert [d.region for d in instrument.domains.all()] == list(Region.values)  # bottom-up
    assert {d.items.count() for d in instrument.domains.all()} == {8}
    assert list(instrument.scale_points.values_list("value", flat=True)) == [0, 1, 2, 3, 4]
    assert Expectation.objects.filter(item__instrument=instrument).count() == 32 * instrument.age_bands.count()


def test_the_default_age_bands_tile_birth_to_eighteen(db):
    bands = list(AgeBand.objects.filter(instrument__version="1").values_list("from_months", "to_months"))
    assert bands[0][0] == 0 and bands[-1][1] == 216
    assert all(end == next_start for (_, end), (next_start, _) in zip(bands, bands[1:], strict=False))


def test_loads_a_new_version(db, tmp_path, new_version, capsys):
    call_command("load_instrument", write(tmp_path, new_version))
    assert Instrument.objects.filter(version="2").get().items.count() == 32
    assert "Loaded" in capsys.readouterr().out


def _with(data, change):
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["domains"][1]["items"][0].update(code="S1"),
            loader.DUPLICATE_CODE.format(code="S1"),
        ),
        (
            lambda d: d["age_bands"][3].update(from_months=30),
            loader.AGE_BANDS_GAP.format(start=24, end=30),
        ),
        (
            lambda d: d["age_bands"][3].update(from_months=20),
            loader.AGE_BANDS_OVERLAP.format(first="1–2 years", second="2–4 years"),
        ),
        (lambda d: d["age_bands"][0].update(from_months=1), loader.AGE_BANDS_START.format(start=1)),
        (lambda d: d["age_bands"][-1].update(to_months=204), loader.AGE_BANDS_END.format(end=204)),
        (
            lambda d: d["domains"][0]["items"][0]["expected"].__setitem__(4, 7),
            loader.EXPECTATION_OUTSIDE_SCALE.format(code="S1", value=7, band="4–6 years", low=0, high=4),
        ),
        (
            lambda d: d["domains"][0]["items"][0]["expected"].pop(),
            loader.EXPECTATION_COUNT.format(code="S1", count=9, bands=10),
        ),
        (lambda d: d["domains"][0].update(region="amygdala"), "unknown region 'amygdala'"),
        (lambda d: d["domains"][1].update(region="brainstem"), loader.DUPLICATE_REGION.format(region="brainstem")),
        (lambda d: d.pop("scale"), loader.MISSING_FIELD.format(where="The file", field="scale")),
        (lambda d: d["scale"].append({"value": 4, "label": "again"}), loader.DUPLICATE_SCALE_VALUE.format(value=4)),
    ],
    ids=[
        "duplicate-code",
        "age-gap",
        "age-overlap",
        "not-from-birth",
        "not-to-18",
        "outside-scale",
        "expectation-count",
        "unknown-region",
        "duplicate-region",
        "missing-scale",
        "duplicate-scale-value",
    ],
)
def test_refuses_a_bad_file_naming_the_problem_and_writes_nothing(db, tmp_path, new_version, change, message):
    before = (Instrument.objects.count(), Item.objects.count())
    with pytest.raises(CommandError) as refused:
        call_command("load_instrument", write(tmp_path, _with(new_version, change)))
    assert message in str(refused.value)
    assert (Instrument.objects.count(), Item.objects.count()) == before


def test_refuses_malformed_json(db, tmp_path):
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_instrument", write(tmp_path, '{"name": "Broken", '))
    assert Instrument.objects.count() == 1


def test_refuses_a_version_already_loaded(db, tmp_path, default_data):
    with pytest.raises(CommandError, match="already loaded"):
        call_command("load_instrument", write(tmp_path, default_data))
    assert Instrument.objects.count() == 1


def test_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_instrument", str(tmp_path / "nowhere.json"))


def test_a_failure_part_way_through_writing_leaves_nothing(db, new_version, monkeypatch):
    real_create = Item.objects.create
    calls = []

    def failing_create(**fields):
        calls.append(fields)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real_create(**fields)

    monkeypatch.setattr(Item.objects, "create", failing_create)
    with pytest.raises(RuntimeError):
        loader.instrument_load(data=new_version)
    assert not Instrument.objects.filter(version="2").exists()
