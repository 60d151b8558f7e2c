"""Reading assessments for the pages, the panels and the plan, in a constant number of queries
however many assessments or children there are. Callers pass querysets already restricted by
homes.access; these functions never widen them."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from assessments.models import AgeBand, Assessment, AssessmentPolicy, Expectation, Instrument, Item, ScalePoint, Score
from assessments.models.policy import DEFAULT_INTERVAL_MONTHS
from assessments.scoring import (
    AgeBandSpec,
    BrainMapResult,
    DomainSpec,
    InstrumentSpec,
    ItemSpec,
    score_map,
)
from children.brain import Region
from children.models import Child
from homes.dates import add_months

# A newly admitted child's first assessment is due this long after admission.
INITIAL_ASSESSMENT_WITHIN_DAYS = 42
# The dashboard lists re-assessments falling due within this many days, and overdue ones.
DUE_SOON_DAYS = 30

# Questions asked before a new draft is started (assessments/views/assessment.py).
DRAFT_STARTED_TODAY = "There is already a draft started today by {assessor} — open it, or start another?"
CHILD_HAS_LEFT = (
    "{name} left the home on {date:%-d %B %Y}: an assessment after leaving is unusual. "
    "Start one anyway only if you assessed {name} before they left or were asked to."
)


def instrument_specs(instrument_ids: Iterable[int]) -> dict[int, InstrumentSpec]:
    """Scoring specs for several instruments in five queries."""
    ids = set(instrument_ids)
    if not ids:
        return {}
    names = {i.pk: i.name for i in Instrument.objects.filter(pk__in=ids)}
    scales, bands, expected = defaultdict(list), defaultdict(list), defaultdict(dict)
    for point in ScalePoint.objects.filter(instrument_id__in=ids).order_by("value"):
        scales[point.instrument_id].append((point.value, point.label))
    for band in AgeBand.objects.filter(instrument_id__in=ids).order_by("from_months"):
        bands[band.instrument_id].append(band)
    for item_id, band_id, value in Expectation.objects.filter(item__instrument_id__in=ids).values_list(
        "item_id", "age_band_id", "expected"
    ):
        expected[item_id][band_id] = value
    domains: dict[int, dict[int, tuple]] = defaultdict(dict)
    for item in Item.objects.filter(instrument_id__in=ids).select_related("domain"):
        domain = domains[item.instrument_id].setdefault(item.domain_id, (item.domain, []))
        domain[1].append(
            ItemSpec(
                code=item.code,
                label=item.label,
                description=item.description,
                expected=tuple(expected[item.pk].get(b.pk, 0) for b in bands[item.instrument_id]),
            )
        )
    specs = {}
    for instrument_id in ids:
        ordered = sorted(domains[instrument_id].values(), key=lambda pair: pair[0].position)
        specs[instrument_id] = InstrumentSpec(
            name=names.get(instrument_id, ""),
            scale=tuple(scales[instrument_id]),
            age_bands=tuple(AgeBandSpec(b.label, b.from_months, b.to_months) for b in bands[instrument_id]),
            domains=tuple(
                DomainSpec(region=Region(domain.region), name=domain.name, items=tuple(items))
                for domain, items in ordered
            ),
        )
    return specs


def scores_for(assessment_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment_id, code, value in Score.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        "assessment_id", "item__code", "value"
    ):
        found[assessment_id][code] = value
    return found


def maps_for(assessments: list[Assessment]) -> dict[int, BrainMapResult]:
    """Brain maps of several assessments (with their child loaded) in six queries."""
    specs = instrument_specs(a.instrument_id for a in assessments)
    scores = scores_for(a.pk for a in assessments)
    return {a.pk: score_map(specs[a.instrument_id], a.age_months, scores.get(a.pk, {})) for a in assessments}


def brain_map(assessment: Assessment) -> BrainMapResult:
    return maps_for([assessment])[assessment.pk]


def latest_final(child: Child) -> Assessment | None:
    return (
        Assessment.objects.final()
        .filter(child=child)
        .select_related("child", "assessor")
        .order_by("-assessed_on", "-finalised_at")
        .first()
    )


def draft_started_today(child: Child) -> Assessment | None:
    """A draft of the child's started today (by anyone): a second one is usually a double tap."""
    return (
        Assessment.objects.filter(child=child, status=Assessment.Status.DRAFT, created_at__date=timezone.localdate())
        .select_related("assessor")
        .order_by("-created_at")
        .first()
    )


def start_questions(child: Child, draft_today: Assessment | None) -> list[str]:
    """What the person starting an assessment is asked to confirm first, if anything."""
    questions = []
    if draft_today is not None:
        questions.append(DRAFT_STARTED_TODAY.format(assessor=draft_today.assessor.full_name))
    if child.discharge_date is not None:
        questions.append(CHILD_HAS_LEFT.format(name=child.preferred_name, date=child.discharge_date))
    return questions


def due_date(child: Child, last_assessed: datetime.date | None, interval_months: int) -> datetime.date:
    """When the child's next assessment is due: the interval after the last final one, or
    soon after admission for a child not yet assessed."""
    return due_after(child.admission_date, last_assessed, interval_months)


def due_after(admitted: datetime.date, last_assessed: datetime.date | None, interval_months: int) -> datetime.date:
    """`due_date` from the admission date alone (the provider overview's every child and month)."""
    if last_assessed is None:
        return admitted + datetime.timedelta(days=INITIAL_ASSESSMENT_WITHIN_DAYS)
    return add_months(last_assessed, interval_months)


def interval_for(home) -> int:
    """The home's re-assessment interval. Load homes with select_related("assessment_policy"),
    or this costs a query per home."""
    try:
        return home.assessment_policy.interval_months
    except AssessmentPolicy.DoesNotExist:
        return DEFAULT_INTERVAL_MONTHS


class Due(NamedTuple):
    on: datetime.date
    last_assessed: datetime.date | None
    home_id: int
    assessor_id: int | None


def falling_due(children, by: datetime.date) -> dict[int, Due]:
    """Of these children, those whose assessment is due by `by`, by child id. Read as plain
    values: a provider's children in placement are never made into records (each with its home
    and policy) to count those due in each home."""
    due_on = {}
    rows = with_last_assessed(children).values_list(
        "pk", "admission_date", "last_assessed", "home__assessment_policy__interval_months", "home_id", "assessor_id"
    )
    for pk, admitted, last, interval, home_id, assessor_id in rows:
        on = due_after(admitted, last, interval or DEFAULT_INTERVAL_MONTHS)
        if on <= by:
            due_on[pk] = Due(on, last, home_id, assessor_id)
    return due_on


def with_last_assessed(children):
    """Annotate each child with the date of their latest final assessment (`last_assessed`)."""
    latest = (
        Assessment.objects.final()
        .filter(child=OuterRef("pk"))
        .values("child")
        .annotate(last=Max("assessed_on"))
        .values("last")
    )
    return children.annotate(last_assessed=Subquery(latest))
