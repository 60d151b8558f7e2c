"""Hand-worked examples of every scoring rule (thresholds in assessments/scoring.py)."""

from fractions import Fraction

import pytest

from assessments.scoring import (
    AgeBandSpec,
    Change,
    DomainSpec,
    InstrumentSpec,
    ItemSpec,
    age_band_index,
    band_for,
    compare_maps,
    proportion_of_expected,
    score_map,
    typical_map,
)
from children.brain import Band, Region

BANDS = (
    AgeBandSpec("0–4 years", 0, 48),
    AgeBandSpec("4–11 years", 48, 132),
    AgeBandSpec("11–18 years", 132, 216),
)
# Two domains of two items each, expectations per band.
TINY = InstrumentSpec(
    name="Tiny",
    scale=((0, "none"), (1, "a little"), (2, "some"), (3, "most"), (4, "all")),
    age_bands=BANDS,
    domains=(
        DomainSpec(
            Region.BRAINSTEM,
            "Sensory",
            (ItemSpec("S1", "Sleep", "", (2, 4, 4)), ItemSpec("S2", "Eating", "", (1, 3, 4))),
        ),
        DomainSpec(
            Region.CORTEX,
            "Cognitive",
            (ItemSpec("C1", "Plans", "", (0, 2, 4)), ItemSpec("C2", "Stops", "", (0, 1, 3))),
        ),
    ),
)
TWELVE = 12 * 12  # months


@pytest.mark.parametrize(
    ("proportion", "band"),
    [
        (Fraction(1), Band.TYPICAL),
        (Fraction(85, 100), Band.TYPICAL),  # the boundary belongs to the better band
        (Fraction(84, 100), Band.MILD),
        (Fraction(65, 100), Band.MILD),
        (Fraction(64, 100), Band.MODERATE),
        (Fraction(40, 100), Band.MODERATE),
        (Fraction(39, 100), Band.SIGNIFICANT),
        (Fraction(0), Band.SIGNIFICANT),
    ],
)
def test_band_thresholds(proportion, band):
    assert band_for(proportion) == band


def test_proportion_caps_at_the_expectation_and_treats_zero_expectation_as_met():
    assert proportion_of_expected(3, 4) == Fraction(3, 4)
    assert proportion_of_expected(4, 2) == 1  # ahead of age counts as meeting it, no more
    assert proportion_of_expected(0, 0) == 1


@pytest.mark.parametrize(
    ("age_months", "index"),
    [
        (0, 0),  # newborn
        (47, 0),
        (48, 1),  # on the 4th birthday: the next band starts that day
        (131, 1),
        (132, 2),  # on the 11th birthday
        (17 * 12 + 11, 2),  # 17 years 11 months
        (216, 2),  # 18 and over: held against the last band
        (-1, 0),
    ],
)
def test_age_band_edges(age_months, index):
    assert age_band_index(BANDS, age_months) == index


def test_hand_worked_map_of_a_twelve_year_old():
    # At 12 the expectations are S1 4, S2 4, C1 4, C2 3.
    result = score_map(TINY, TWELVE, {"S1": 3, "S2": 1, "C1": 2, "C2": 3})
    sensory, cognitive = result.domains
    assert [r.band for r in sensory.items] == [Band.MILD, Band.SIGNIFICANT]  # 3/4 = 75%, 1/4 = 25%
    assert [r.band for r in cognitive.items] == [Band.MODERATE, Band.TYPICAL]  # 2/4 = 50%, 3/3
    # Domains: (3 + 1) / (4 + 4) = 50% moderate; (2 + 3) / (4 + 3) = 71% mild.
    assert (sensory.proportion, sensory.band, sensory.percent) == (Fraction(1, 2), Band.MODERATE, 50)
    assert (cognitive.proportion, cognitive.band, cognitive.percent) == (Fraction(5, 7), Band.MILD, 71)
    # Developmental age: sensory total 4 meets 0–4 (2+1=3) but not 4–11 (4+3=7).
    assert sensory.developmental_age == BANDS[0]
    assert not sensory.at_age
    # Cognitive total 5 meets 4–11 (2+1=3) but not 11–18 (4+3=7).
    assert cognitive.developmental_age == BANDS[1]
    assert result.region_bands() == {Region.BRAINSTEM: Band.MODERATE, Region.CORTEX: Band.MILD}


def test_strength_does_not_hide_a_difficulty_in_the_domain():
    # A 6-year-old (expectations S1 4, S2 3): S1 0 and S2 4 is 0/4 + 3/3 = 3/7, not 4/7.
    sensory = score_map(TINY, 72, {"S1": 0, "S2": 4}).domains[0]
    assert sensory.proportion == Fraction(3, 7)
    assert sensory.band == Band.MODERATE


def test_developmental_age_never_exceeds_the_childs_age_and_may_be_none():
    six_year_old = score_map(TINY, 72, {"S1": 4, "S2": 4, "C1": 0, "C2": 0})
    assert six_year_old.domains[0].developmental_age == BANDS[1]  # meets 11–18 too, capped at own band
    assert six_year_old.domains[0].at_age
    assert six_year_old.domains[1].developmental_age == BANDS[0]  # 0–4 expects nothing cognitive
    baby = score_map(TINY, 10, {"S1": 0, "S2": 0})
    assert baby.domains[0].developmental_age is None  # 0 does not reach 2 + 1


def test_draft_with_unscored_items():
    result = score_map(TINY, TWELVE, {"S1": 4})
    sensory, cognitive = result.domains
    assert sensory.items[1].band is None
    assert sensory.proportion == 1  # only the scored item counts
    assert cognitive.proportion is None and cognitive.band is None
    assert not result.complete


def test_typical_map_is_typical_everywhere():
    typical = typical_map(TINY, TWELVE)
    assert {r.band for r in typical.items} == {Band.TYPICAL}
    assert [r.score for r in typical.items] == [4, 4, 4, 3]


def test_focus_areas_are_bottom_up_then_worst_first():
    result = score_map(TINY, TWELVE, {"S1": 2, "S2": 0, "C1": 0, "C2": 2})
    # S1 50% moderate, S2 0% significant, C1 0% significant, C2 2/3 mild (not a focus area).
    assert [r.item.code for r in result.focus_areas()] == ["S2", "S1", "C1"]


def test_compare_per_item_and_domain():
    before = score_map(TINY, TWELVE, {"S1": 2, "S2": 2, "C1": 2, "C2": 3})
    after = score_map(TINY, TWELVE + 6, {"S1": 3, "S2": 2, "C1": 1, "C2": 3})
    sensory, cognitive = compare_maps(before, after)
    assert [i.change for i in sensory.items] == [Change.IMPROVED, Change.UNCHANGED]
    assert sensory.change == Change.IMPROVED  # 4/8 -> 5/8
    assert [i.change for i in cognitive.items] == [Change.DECLINED, Change.UNCHANGED]
    assert cognitive.change == Change.DECLINED


def test_compare_holds_each_assessment_against_its_own_age():
    # Same raw score, but the child crossed into a band expecting more: S2 3/3 at 10, 3/4 at 11.
    before = score_map(TINY, 131, {"S2": 3})
    after = score_map(TINY, 132, {"S2": 3})
    assert compare_maps(before, after)[0].items[1].change == Change.DECLINED


def test_compare_with_an_unscored_item_gives_no_verdict():
    before = score_map(TINY, TWELVE, {"S1": 2})
    after = score_map(TINY, TWELVE, {"S1": 2, "S2": 4})
    assert compare_maps(before, after)[0].items[1].change is None
