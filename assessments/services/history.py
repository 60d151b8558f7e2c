"""Changes to a child's developmental history and adverse childhood experiences."""

from django.db import transaction
from django.utils import timezone

from assessments.models import AdverseExperience, DevelopmentalHistory, HistoryPeriod
from children.ages import age_in_months
from children.models import Child
from homes.concurrency import revision_claim
from homes.models import User


def askable_periods(child: Child) -> list[str]:
    """The developmental periods the child has reached: later ones are not asked about."""
    age = age_in_months(child.date_of_birth, timezone.localdate())
    return [period for period, starts in HistoryPeriod.STARTS_AT_MONTHS.items() if starts <= age]


@transaction.atomic
def history_save(
    *, child: Child, user: User, summary: str, periods: dict[str, dict], revision: int | None = None
) -> DevelopmentalHistory:
    """Save the history as read at `revision` (1 when there was none yet; raises
    concurrency.StaleEdit if someone saved it since); `periods` maps a period to its adversity,
    relational_health and notes. Periods the child has not reached are ignored."""
    history, _ = DevelopmentalHistory.objects.select_for_update().get_or_create(
        child=child, defaults={"updated_by": user}
    )
    revision_claim(history, revision=revision, user=user)
    history.summary = summary
    history.updated_by = user
    history.full_clean()
    history.save()
    existing = {row.period: row for row in history.periods.all()}
    for period in askable_periods(child):
        answers = periods.get(period, {})
        row = existing.get(period) or HistoryPeriod(history=history, period=period)
        changed = row._state.adding
        for field in ("adversity", "relational_health", "notes"):
            value = answers.get(field, "" if field == "notes" else None)
            if getattr(row, field) != value:
                setattr(row, field, value)
                changed = True
        if changed:
            row.full_clean()
            row.save()
    return history


@transaction.atomic
def adverse_experience_record(*, child: Child, user: User, **fields) -> AdverseExperience:
    experience = AdverseExperience(child=child, recorded_by=user, **fields)
    experience.full_clean()
    experience.save()
    return experience


@transaction.atomic
def adverse_experience_withdraw(*, experience: AdverseExperience) -> AdverseExperience:
    """Withdrawn (recorded in error, or disproved): kept on record, hidden from the checklist."""
    experience.archived = True
    experience.save(update_fields=["archived"])
    return experience
