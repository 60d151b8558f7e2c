"""Scoring a brain-map assessment: pure functions over plain data, so every rule is testable
by hand-worked example (tests/assessments/test_scoring.py). No database access here.

For each item the child's score is held against what a typical child scores at the child's
age (the instrument's expectation for the age band containing the child's age in completed
months at the assessment date; a child of 18 or over is held against the last band):

    proportion = min(score, expected) / expected        (an expectation of 0 counts as 1: met)

Being ahead of age on one item never hides difficulty on another, hence the min().

Bands (children.brain.Band), on that proportion:

    TYPICAL       proportion >= 85%
    MILD          65% <= proportion < 85%
    MODERATE      40% <= proportion < 65%
    SIGNIFICANT   proportion < 40%

On the default 0–4 scale, against an expectation of 4: 4 is typical, 3 mild (75%), 2
moderate (50%), 1 and 0 significant. "Well below age expectation" (a suggested focus area)
means MODERATE or SIGNIFICANT.

A domain's summary uses the same bands on the domain's proportion: the sum of the items'
min(score, expected) over the sum of their expectations (items not yet scored in a draft
are left out).

A domain's estimated developmental age is the highest age band whose expectations the child
meets in that domain: the child's domain total (raw scores) reaches the sum of that band's
expectations. It never goes above the child's own age band ("at age"), and is None when even
the first band's expectations are not met.

Change between two assessments (per item and per domain) compares these proportions, so a
re-assessment a year later is held against the older child's expectations: improved if the
proportion rose, declined if it fell, unchanged if equal.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from children.brain import Band, Region

TYPICAL_FROM = Fraction(85, 100)
MILD_FROM = Fraction(65, 100)
MODERATE_FROM = Fraction(40, 100)
WELL_BELOW = (Band.SIGNIFICANT, Band.MODERATE)
BAND_SEVERITY = {band: index for index, band in enumerate(Band)}  # significant first
REGION_ORDER = {region: index for index, region in enumerate(Region)}  # bottom-up


class Change:
    IMPROVED = "improved"
    UNCHANGED = "unchanged"
    DECLINED = "declined"


@dataclass(frozen=True)
class AgeBandSpec:
    label: str
    from_months: int
    to_months: int


@dataclass(frozen=True)
class ItemSpec:
    code: str
    label: str
    description: str
    expected: tuple[int, ...]  # one per age band, in band order


@dataclass(frozen=True)
class DomainSpec:
    region: Region
    name: str
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class InstrumentSpec:
    """What scoring needs of an instrument: bands in order, domains bottom-up."""

    name: str
    scale: tuple[tuple[int, str], ...]  # (value, label), low to high
    age_bands: tuple[AgeBandSpec, ...]
    domains: tuple[DomainSpec, ...]

    @property
    def items(self) -> list[ItemSpec]:
        return [item for domain in self.domains for item in domain.items]


@dataclass(frozen=True)
class ItemResult:
    item: ItemSpec
    region: Region
    score: int | None
    expected: int
    proportion: Fraction | None
    band: Band | None

    @property
    def percent(self) -> int | None:
        return None if self.proportion is None else round(self.proportion * 100)


@dataclass(frozen=True)
class DomainResult:
    region: Region
    name: str
    items: tuple[ItemResult, ...]
    proportion: Fraction | None
    band: Band | None
    developmental_age: AgeBandSpec | None
    at_age: bool

    @property
    def percent(self) -> int | None:
        return None if self.proportion is None else round(self.proportion * 100)

    @property
    def band_counts(self) -> dict[Band, int]:
        counts = dict.fromkeys(Band, 0)
        for result in self.items:
            if result.band:
                counts[result.band] += 1
        return counts


@dataclass(frozen=True)
class BrainMapResult:
    instrument: InstrumentSpec
    age_months: int
    age_band: AgeBandSpec
    domains: tuple[DomainResult, ...]  # bottom-up

    @property
    def items(self) -> list[ItemResult]:
        return [result for domain in self.domains for result in domain.items]

    @property
    def complete(self) -> bool:
        return all(result.score is not None for result in self.items)

    def region_bands(self) -> dict[Region, Band]:
        return {domain.region: domain.band for domain in self.domains if domain.band}

    def focus_areas(self) -> list[ItemResult]:
        """Items well below age expectation: bottom-up by region, then worst first, then item order."""
        below = [result for result in self.items if result.band in WELL_BELOW]
        return sorted(below, key=lambda r: (REGION_ORDER[r.region], BAND_SEVERITY[r.band]))


@dataclass(frozen=True)
class ItemChange:
    code: str
    label: str
    before: ItemResult | None
    after: ItemResult | None
    change: str | None  # None when the item is not in both assessments or not scored in both


@dataclass(frozen=True)
class DomainChange:
    region: Region
    name: str
    before: DomainResult | None
    after: DomainResult | None
    change: str | None
    items: list[ItemChange] = field(default_factory=list)


def band_for(proportion: Fraction) -> Band:
    if proportion >= TYPICAL_FROM:
        return Band.TYPICAL
    if proportion >= MILD_FROM:
        return Band.MILD
    if proportion >= MODERATE_FROM:
        return Band.MODERATE
    return Band.SIGNIFICANT


def proportion_of_expected(score: int, expected: int) -> Fraction:
    if expected <= 0:
        return Fraction(1)
    return Fraction(min(score, expected), expected)


def age_band_index(bands: tuple[AgeBandSpec, ...], age_months: int) -> int:
    """The band containing the age; before birth the first band, 18 and over the last."""
    for index, band in enumerate(bands):
        if band.from_months <= age_months < band.to_months:
            return index
    return 0 if age_months < bands[0].from_months else len(bands) - 1


def _developmental_age(domain: DomainSpec, scores: dict[str, int], bands, own_index: int) -> AgeBandSpec | None:
    scored = [item for item in domain.items if item.code in scores]
    if not scored:
        return None
    total = sum(scores[item.code] for item in scored)
    met = None
    for index in range(own_index + 1):
        if total >= sum(item.expected[index] for item in scored):
            met = index
    return None if met is None else bands[met]


def score_map(instrument: InstrumentSpec, age_months: int, scores: dict[str, int]) -> BrainMapResult:
    """The brain map of one assessment: `scores` maps item codes to the child's scores."""
    index = age_band_index(instrument.age_bands, age_months)
    domains = []
    for domain in instrument.domains:
        results = []
        for item in domain.items:
            expected = item.expected[index]
            score = scores.get(item.code)
            proportion = None if score is None else proportion_of_expected(score, expected)
            results.append(
                ItemResult(
                    item=item,
                    region=domain.region,
                    score=score,
                    expected=expected,
                    proportion=proportion,
                    band=None if proportion is None else band_for(proportion),
                )
            )
        scored = [r for r in results if r.score is not None]
        expected_total = sum(r.expected for r in scored)
        if not scored:
            proportion = None
        elif expected_total == 0:
            proportion = Fraction(1)
        else:
            proportion = Fraction(sum(min(r.score, r.expected) for r in scored), expected_total)
        developmental = _developmental_age(domain, scores, instrument.age_bands, index)
        domains.append(
            DomainResult(
                region=domain.region,
                name=domain.name,
                items=tuple(results),
                proportion=proportion,
                band=None if proportion is None else band_for(proportion),
                developmental_age=developmental,
                at_age=developmental == instrument.age_bands[index],
            )
        )
    return BrainMapResult(
        instrument=instrument, age_months=age_months, age_band=instrument.age_bands[index], domains=tuple(domains)
    )


def typical_map(instrument: InstrumentSpec, age_months: int) -> BrainMapResult:
    """The map of a typical child of the same age: every item at its expectation."""
    index = age_band_index(instrument.age_bands, age_months)
    return score_map(instrument, age_months, {item.code: item.expected[index] for item in instrument.items})


def _change(before: Fraction | None, after: Fraction | None) -> str | None:
    if before is None or after is None:
        return None
    if after > before:
        return Change.IMPROVED
    if after < before:
        return Change.DECLINED
    return Change.UNCHANGED


def compare_maps(before: BrainMapResult, after: BrainMapResult) -> list[DomainChange]:
    """Per domain (matched by region) and per item (matched by code), bottom-up."""
    before_domains = {d.region: d for d in before.domains}
    before_items = {r.item.code: r for r in before.items}
    changes = []
    for domain in after.domains:
        earlier = before_domains.get(domain.region)
        items = []
        for result in domain.items:
            old = before_items.get(result.item.code)
            items.append(
                ItemChange(
                    code=result.item.code,
                    label=result.item.label,
                    before=old,
                    after=result,
                    change=_change(old.proportion if old else None, result.proportion),
                )
            )
        changes.append(
            DomainChange(
                region=domain.region,
                name=domain.name,
                before=earlier,
                after=domain,
                change=_change(earlier.proportion if earlier else None, domain.proportion),
                items=items,
            )
        )
    return changes


# What the check page before finalising calls unusual: worth a second look, not wrong. A score
# this many scale points from what is typical at the child's age, or this many from the same
# item in the child's previous final assessment, is more often a slip of the finger than a
# change in the child (one point is ordinary movement; the default scale runs 0–4).
UNUSUAL_FROM_AGE = 3
UNUSUAL_FROM_PREVIOUS = 2


@dataclass(frozen=True)
class UnusualItem:
    result: ItemResult
    reasons: tuple[str, ...]


def unusual_items(result: BrainMapResult, previous: BrainMapResult | None = None) -> list[UnusualItem]:
    """Scored items far from the age expectation or from the previous assessment, in item order."""
    before = {r.item.code: r.score for r in previous.items} if previous else {}
    found = []
    for item in result.items:
        if item.score is None:
            continue
        reasons = []
        if abs(item.score - item.expected) >= UNUSUAL_FROM_AGE:
            reasons.append(f"{item.score}, where {item.expected} is typical for the child's age")
        earlier = before.get(item.item.code)
        if earlier is not None and abs(item.score - earlier) >= UNUSUAL_FROM_PREVIOUS:
            reasons.append(f"{item.score}, where the previous assessment scored {earlier}")
        if reasons:
            found.append(UnusualItem(result=item, reasons=tuple(reasons)))
    return found
