"""Demo assessments: each demo child in placement gets a developmental history, a few adverse
childhood experiences and one to three assessments months apart that show believable change.
Kacper's re-assessment is overdue; Mei's falls due within the month. Idempotent."""

import datetime
import random

from django.utils import timezone

from assessments.models import (
    AdverseExperience,
    Assessment,
    AssessmentPolicy,
    DevelopmentalHistory,
    HistoryPeriod,
    Item,
    Score,
)
from assessments.scoring import age_band_index
from assessments.selectors import instrument_specs
from assessments.services.history import history_save
from assessments.services.instrument import load_default_instrument
from children.ages import age_in_months
from children.models import Child
from homes.demo import Demo

A = AdverseExperience.Category
# preferred name: (days ago of each assessment, starting level per region bottom-up as a share of
# what is typical for age, gain per review, ACEs as (category, certainty, source))
PROFILES = {
    "Siobhán": (
        (400, 220, 40),
        (0.55, 0.45, 0.4, 0.7),
        0.12,
        [
            (A.EMOTIONAL_NEGLECT, "confirmed", "Social work chronology"),
            (A.SUBSTANCE_MISUSE, "confirmed", "Court bundle"),
        ],
    ),
    "Zoë": (
        (210, 30),
        (0.7, 0.5, 0.5, 0.75),
        0.1,
        [(A.DOMESTIC_ABUSE, "confirmed", "Police records via social worker")],
    ),
    "Seun": ((80,), (0.8, 0.55, 0.6, 0.85), 0.0, [(A.SEPARATION, "confirmed", "Seun, in key working")]),
    "Kacper": (
        (590, 400, 215),
        (0.35, 0.35, 0.45, 0.5),
        0.1,
        [(A.PHYSICAL_NEGLECT, "confirmed", "Social work chronology"), (A.PHYSICAL_ABUSE, "suspected", "School report")],
    ),
    "Amira": ((310, 130), (0.6, 0.6, 0.55, 0.8), 0.12, [(A.OTHER, "confirmed", "Resettlement caseworker")]),
    "Alex": (
        (480, 300, 120),
        (0.75, 0.5, 0.45, 0.65),
        0.08,
        [(A.MENTAL_ILLNESS, "confirmed", "Previous placement's records"), (A.EMOTIONAL_ABUSE, "suspected", "Alex")],
    ),
    "Mei": ((160,), (0.65, 0.6, 0.5, 0.8), 0.0, [(A.SEPARATION, "confirmed", "Adoption and placement report")]),
    "Tyler": ((45,), (0.7, 0.4, 0.5, 0.55), 0.0, [(A.INCARCERATION, "confirmed", "Youth offending team")]),
}
OTHER_DESCRIPTIONS = {"Amira": "Fled armed conflict; months in a refugee camp"}


def _scores(child: Child, items, spec, day: datetime.date, levels, step: int, gain: float) -> dict[int, int]:
    index = age_band_index(spec.age_bands, age_in_months(child.date_of_birth, day))
    expected = {i.code: i.expected[index] for i in spec.items}
    region_level = {d.region: levels[n] for n, d in enumerate(spec.domains)}
    noise = random.Random(f"{child.legal_name}-{step}")
    scores = {}
    for item in items:
        share = min(1.0, region_level[item.domain.region] + gain * step + noise.uniform(-0.2, 0.2))
        scores[item.pk] = max(0, min(4, round(expected[item.code] * share)))
    return scores


PERIOD_NOTES = {
    HistoryPeriod.Period.PERINATAL: "Little antenatal care; born early, a short stay in special care.",
    HistoryPeriod.Period.NEWBORN: "Health visitor noted a tired, isolated parent.",
    HistoryPeriod.Period.INFANCY: "Several moves; missed health checks.",
    HistoryPeriod.Period.EARLY_CHILDHOOD: "Domestic abuse in the home; a grandparent was a steady presence.",
    HistoryPeriod.Period.CHILDHOOD: "Child protection plan; two foster placements ended.",
    HistoryPeriod.Period.ADOLESCENCE: "Went missing several times before coming into care.",
}


def _history(child: Child, assessor) -> None:
    """Adversity rising through the early years and easing once in care; relational health its
    mirror, with one steady adult somewhere along the way."""
    if DevelopmentalHistory.objects.filter(child=child).exists():
        return
    age = age_in_months(child.date_of_birth, timezone.localdate())
    steady = random.Random(child.legal_name).randrange(2, 5)  # the period with a steadier adult
    periods = {}
    for n, (period, starts) in enumerate(HistoryPeriod.STARTS_AT_MONTHS.items()):
        if starts <= age:
            adversity = min(4, 1 + n) if n < 4 else 2
            periods[period] = {
                "adversity": adversity,
                "relational_health": min(4, 4 - adversity + (1 if n == steady else 0)),
                "notes": PERIOD_NOTES[period],
            }
    history_save(
        child=child,
        user=assessor,
        summary=f"Pieced together from the placing authority's chronology and from {child.preferred_name}.",
        periods=periods,
    )


def seed(demo: Demo) -> None:
    instrument = load_default_instrument()
    spec = instrument_specs([instrument.pk])[instrument.pk]
    items = list(Item.objects.filter(instrument=instrument).select_related("domain"))
    assessor = demo.people["assessor"]
    today = timezone.localdate()
    AssessmentPolicy.objects.get_or_create(home=demo.homes["rowan"], defaults={"interval_months": 6})
    for child in Child.objects.filter(home__in=demo.homes.values()).in_placement():
        profile = PROFILES.get(child.preferred_name)
        if profile is None:
            continue
        days_ago, levels, gain, aces = profile
        _history(child, assessor)
        for category, certainty, source in aces:
            AdverseExperience.objects.get_or_create(
                child=child,
                category=category,
                defaults=dict(
                    certainty=certainty,
                    source=source,
                    other_description=OTHER_DESCRIPTIONS.get(child.preferred_name, ""),
                    recorded_by=assessor,
                ),
            )
        for step, ago in enumerate(days_ago):
            day = today - datetime.timedelta(days=ago)
            assessment, created = Assessment.objects.get_or_create(
                child=child,
                assessed_on=day,
                defaults=dict(
                    instrument=instrument,
                    assessor=assessor,
                    kind=Assessment.Kind.INITIAL if step == 0 else Assessment.Kind.REVIEW,
                    status=Assessment.Status.FINAL,
                    finalised_at=timezone.now(),
                    notes="Observed at home and school; consulted the key worker and the child's teacher.",
                ),
            )
            if created:
                Score.objects.bulk_create(
                    Score(assessment=assessment, item_id=pk, value=value)
                    for pk, value in _scores(child, items, spec, day, levels, step, gain).items()
                )
