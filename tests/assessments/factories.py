import datetime

from django.utils import timezone

from assessments.models import Assessment, Item, Score
from assessments.services.instrument import load_default_instrument


def make_assessment(
    child,
    assessor,
    *,
    scores: dict[str, int] | int | None = None,
    final: bool = False,
    assessed_on: datetime.date | None = None,
    kind: str = Assessment.Kind.INITIAL,
) -> Assessment:
    """An assessment of the default instrument; `scores` is a value for every item or a dict by
    item code (missing codes stay unscored)."""
    instrument = load_default_instrument()
    assessment = Assessment.objects.create(
        child=child,
        instrument=instrument,
        assessor=assessor,
        assessed_on=assessed_on or timezone.localdate() - datetime.timedelta(days=7),
        kind=kind,
        status=Assessment.Status.FINAL if final else Assessment.Status.DRAFT,
        finalised_at=timezone.now() if final else None,
    )
    items = Item.objects.filter(instrument=instrument)
    if isinstance(scores, int):
        scores = {item.code: scores for item in items}
    Score.objects.bulk_create(
        Score(assessment=assessment, item=item, value=scores[item.code])
        for item in items
        if item.code in (scores or {})
    )
    return assessment
