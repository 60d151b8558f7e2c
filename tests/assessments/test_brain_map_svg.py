"""The brain map SVG: one cell per item, domains bottom-up, each band in its colour AND its
letter and pattern, beside the typical map, with a title and description for screen readers."""

import re

from django.template.loader import render_to_string

from assessments import drawing
from assessments.scoring import score_map, typical_map
from assessments.selectors import instrument_specs
from children.brain import Band

CODES = [f"{d}{n}" for d in "SRLC" for n in range(1, 9)]


def _render(instrument, scores, age_months=12 * 12) -> str:
    spec = instrument_specs([instrument.pk])[instrument.pk]
    result = score_map(spec, age_months, scores)
    return render_to_string(
        "assessments/_brain_map.svg", {"drawing": drawing.map_drawing(result, map_id="m", title="Test map")}
    )


def _cells(svg: str) -> list[tuple[str, str]]:
    return re.findall(r'<g class="cell" data-code="([^"]+)" data-fill="([^"]+)">', svg)


def test_one_cell_per_item_with_cortex_on_top_and_brainstem_at_the_bottom(instrument):
    cells = _cells(_render(instrument, dict.fromkeys(CODES, 4)))
    assert len(cells) == 32
    assert [code for code, _ in cells][:8] == [f"C{n}" for n in range(1, 9)]
    assert [code for code, _ in cells][-8:] == [f"S{n}" for n in range(1, 9)]


def test_each_band_has_its_colour_letter_and_pattern(instrument):
    # At 12 S1..S4 expect 4: scores 0, 2, 3, 4 give significant, moderate, mild, typical.
    svg = _render(instrument, {"S1": 0, "S2": 2, "S3": 3, "S4": 4})
    fills = dict(_cells(svg))
    assert fills["S1"] == "#D55E00" and fills["S2"] == "#E69F00" and fills["S3"] == "#F0E442"
    assert fills["S4"] == "#009E73"
    assert fills["S5"] == "#E9ECEF"  # not scored yet
    for letter, pattern in (("S", "m-hatch"), ("Mo", "m-dots"), ("Mi", "m-lines")):
        assert f">{letter}</text>" in svg
        assert f'fill="url(#{pattern})"' in svg
        assert f'<pattern id="{pattern}"' in svg
    assert "S1 Sleep: 0 (typical for age 4) – Significant difficulty" in svg


def test_the_svg_is_labelled_for_screen_readers(instrument):
    svg = _render(instrument, dict.fromkeys(CODES, 4))
    assert 'role="img" aria-labelledby="m-title m-desc"' in svg
    assert '<title id="m-title">Test map</title>' in svg
    assert "Sensory integration: Typical for age" in svg


def test_the_typical_map_is_all_typical(instrument):
    spec = instrument_specs([instrument.pk])[instrument.pk]
    result = typical_map(spec, 7 * 12)
    svg = render_to_string(
        "assessments/_brain_map.svg", {"drawing": drawing.map_drawing(result, map_id="t", title="t")}
    )
    assert {fill for _, fill in _cells(svg)} == {drawing.BAND_STYLE[Band.TYPICAL][0]}


def test_the_palette_is_distinct_per_band():
    assert len({fill for fill, _, _ in drawing.BAND_STYLE.values()}) == 4
    assert len({letter for _, letter, _ in drawing.BAND_STYLE.values()}) == 4
