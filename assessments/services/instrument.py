"""Loading an instrument from JSON: validate everything first, then write it in one transaction.

The file format (see instruments/hearth-default-v1.json):

    {"name": ..., "version": ..., "description": ...,
     "scale": [{"value": 0, "label": ...}, ...],
     "age_bands": [{"label": "0–2 months", "from_months": 0, "to_months": 2}, ...],
     "domains": [{"region": "brainstem", "name": ..., "items": [
         {"code": "S1", "label": ..., "description": ..., "expected": [one score per age band]}]}]}

Age bands run from `from_months` (inclusive) to `to_months` (exclusive) and must tile birth to
18 years (0 to 216 months) with no gap and no overlap.
"""

import json
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction

from children.brain import Region

DEFAULT_INSTRUMENT_FILE = Path(__file__).resolve().parent.parent / "instruments" / "hearth-default-v1.json"
ADULTHOOD_MONTHS = 18 * 12

MALFORMED_JSON = "The file is not valid JSON: {error}."
NOT_AN_OBJECT = "The file must hold one JSON object with name, version, scale, age_bands and domains."
MISSING_FIELD = "{where} is missing '{field}'."
WRONG_TYPE = "{where}: '{field}' should be {kind}."
EMPTY_SCALE = "The scale needs at least two points."
DUPLICATE_SCALE_VALUE = "The scale has the value {value} more than once."
NO_AGE_BANDS = "The instrument needs at least one age band."
AGE_BANDS_START = "The age bands must start at birth (0 months); the first starts at {start} months."
AGE_BANDS_END = "The age bands must end at 18 years (216 months); the last ends at {end} months."
AGE_BAND_EMPTY = "The age band '{band}' ends before it starts."
AGE_BANDS_GAP = "There is a gap in the age bands: nothing covers {start} to {end} months."
AGE_BANDS_OVERLAP = "The age bands '{first}' and '{second}' overlap."
UNKNOWN_REGION = "The domain '{domain}' names an unknown region '{region}' (use one of: {regions})."
DUPLICATE_REGION = "More than one domain sits in the region '{region}'."
DUPLICATE_CODE = "The item code '{code}' is used more than once."
EXPECTATION_COUNT = "Item {code} gives {count} expectations for {bands} age bands."
EXPECTATION_OUTSIDE_SCALE = "Item {code} expects {value} at {band}, outside the scale ({low}–{high})."
ALREADY_LOADED = "{name} version {version} is already loaded; give the new file a new version."


class InstrumentError(ValueError):
    """The file cannot be loaded; the message names the problem."""


def _require(data: dict, field: str, kind: type, where: str) -> Any:
    if field not in data:
        raise InstrumentError(MISSING_FIELD.format(where=where, field=field))
    value = data[field]
    if not isinstance(value, kind) or isinstance(value, bool):
        names = {str: "text", int: "a whole number", list: "a list", dict: "an object"}
        raise InstrumentError(WRONG_TYPE.format(where=where, field=field, kind=names[kind]))
    return value


def _check_age_bands(bands: list) -> None:
    if not bands:
        raise InstrumentError(NO_AGE_BANDS)
    parsed = []
    for index, band in enumerate(bands, start=1):
        where = f"Age band {index}"
        if not isinstance(band, dict):
            raise InstrumentError(WRONG_TYPE.format(where="The file", field="age_bands", kind="a list of objects"))
        label = _require(band, "label", str, where)
        start, end = _require(band, "from_months", int, where), _require(band, "to_months", int, where)
        if end <= start:
            raise InstrumentError(AGE_BAND_EMPTY.format(band=label))
        parsed.append((start, end, label))
    parsed.sort()
    if parsed[0][0] != 0:
        raise InstrumentError(AGE_BANDS_START.format(start=parsed[0][0]))
    for (_, end, label), (start, _, next_label) in zip(parsed, parsed[1:], strict=False):
        if start > end:
            raise InstrumentError(AGE_BANDS_GAP.format(start=end, end=start))
        if start < end:
            raise InstrumentError(AGE_BANDS_OVERLAP.format(first=label, second=next_label))
    if parsed[-1][1] != ADULTHOOD_MONTHS:
        raise InstrumentError(AGE_BANDS_END.format(end=parsed[-1][1]))


def validate_instrument(data: Any) -> dict:
    """Check an instrument's structure and rules; raise InstrumentError naming the first problem."""
    if not isinstance(data, dict):
        raise InstrumentError(NOT_AN_OBJECT)
    _require(data, "name", str, "The file")
    _require(data, "version", str, "The file")
    scale = _require(data, "scale", list, "The file")
    if len(scale) < 2:
        raise InstrumentError(EMPTY_SCALE)
    values = []
    for index, point in enumerate(scale, start=1):
        if not isinstance(point, dict):
            raise InstrumentError(WRONG_TYPE.format(where="The file", field="scale", kind="a list of objects"))
        value = _require(point, "value", int, f"Scale point {index}")
        _require(point, "label", str, f"Scale point {index}")
        if value in values:
            raise InstrumentError(DUPLICATE_SCALE_VALUE.format(value=value))
        values.append(value)
    low, high = min(values), max(values)
    bands = _require(data, "age_bands", list, "The file")
    _check_age_bands(bands)
    domains = _require(data, "domains", list, "The file")
    regions, codes = set(), set()
    for index, domain in enumerate(domains, start=1):
        if not isinstance(domain, dict):
            raise InstrumentError(WRONG_TYPE.format(where="The file", field="domains", kind="a list of objects"))
        name = _require(domain, "name", str, f"Domain {index}")
        region = _require(domain, "region", str, f"Domain '{name}'")
        if region not in Region.values:
            raise InstrumentError(UNKNOWN_REGION.format(domain=name, region=region, regions=", ".join(Region.values)))
        if region in regions:
            raise InstrumentError(DUPLICATE_REGION.format(region=region))
        regions.add(region)
        for item_index, item in enumerate(_require(domain, "items", list, f"Domain '{name}'"), start=1):
            if not isinstance(item, dict):
                raise InstrumentError(WRONG_TYPE.format(where=f"Domain '{name}'", field="items", kind="objects"))
            code = _require(item, "code", str, f"Item {item_index} of '{name}'")
            if code in codes:
                raise InstrumentError(DUPLICATE_CODE.format(code=code))
            codes.add(code)
            _require(item, "label", str, f"Item {code}")
            _require(item, "description", str, f"Item {code}")
            expected = _require(item, "expected", list, f"Item {code}")
            if len(expected) != len(bands):
                raise InstrumentError(EXPECTATION_COUNT.format(code=code, count=len(expected), bands=len(bands)))
            for band, value in zip(bands, expected, strict=True):
                if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                    raise InstrumentError(
                        EXPECTATION_OUTSIDE_SCALE.format(code=code, value=value, band=band["label"], low=low, high=high)
                    )
    return data


def parse_instrument(text: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentError(MALFORMED_JSON.format(error=error)) from error
    return validate_instrument(data)


@transaction.atomic
def instrument_load(*, data: dict, apps=global_apps):
    """Write a validated instrument. `apps` lets the data migration pass its historical models."""
    validate_instrument(data)
    Instrument = apps.get_model("assessments", "Instrument")
    if Instrument.objects.filter(name=data["name"], version=data["version"]).exists():
        raise InstrumentError(ALREADY_LOADED.format(name=data["name"], version=data["version"]))
    instrument = Instrument.objects.create(
        name=data["name"], version=data["version"], description=data.get("description", "")
    )
    # Row by row rather than bulk_create: each row's creation is then in the audit log (a bulk
    # insert sends no signals). A load is rare and a few hundred rows.
    ScalePoint = apps.get_model("assessments", "ScalePoint")
    for point in data["scale"]:
        ScalePoint.objects.create(instrument=instrument, value=point["value"], label=point["label"])
    AgeBand = apps.get_model("assessments", "AgeBand")
    bands = [
        AgeBand.objects.create(
            instrument=instrument, label=b["label"], from_months=b["from_months"], to_months=b["to_months"]
        )
        for b in data["age_bands"]
    ]
    Domain = apps.get_model("assessments", "Domain")
    Item = apps.get_model("assessments", "Item")
    Expectation = apps.get_model("assessments", "Expectation")
    position = 0
    # Domains are stored bottom-up whatever order the file lists them in.
    region_order = {region: index for index, region in enumerate(Region.values)}
    for domain_data in sorted(data["domains"], key=lambda d: region_order[d["region"]]):
        domain = Domain.objects.create(
            instrument=instrument,
            region=domain_data["region"],
            name=domain_data["name"],
            position=region_order[domain_data["region"]],
        )
        for item_data in domain_data["items"]:
            position += 1
            item = Item.objects.create(
                instrument=instrument,
                domain=domain,
                code=item_data["code"],
                label=item_data["label"],
                description=item_data["description"],
                position=position,
            )
            for band, value in zip(bands, item_data["expected"], strict=True):
                Expectation.objects.create(item=item, age_band=band, expected=value)
    return instrument


def load_default_instrument(apps=global_apps):
    """The default instrument, loading it from the repository if it is not in the database."""
    data = parse_instrument(DEFAULT_INSTRUMENT_FILE.read_text(encoding="utf-8"))
    Instrument = apps.get_model("assessments", "Instrument")
    existing = Instrument.objects.filter(name=data["name"], version=data["version"]).first()
    return existing or instrument_load(data=data, apps=apps)
