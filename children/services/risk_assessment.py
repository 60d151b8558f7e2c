"""Trauma-informed risk assessments: the same lifecycle as care plans (`versioning`)."""

import datetime

from children.models import Child, Risk, RiskAssessment, Trigger
from children.services import versioning
from homes.models import User


def _copy_rows(active: RiskAssessment, draft: RiskAssessment) -> None:
    for row in [*active.triggers.all(), *active.risks.all()]:
        row.pk = None
        row.assessment = draft
        row.full_clean()
        row.save()


def risk_assessment_start(*, child: Child, user: User) -> RiskAssessment:
    """Start the first risk assessment, or revise the active one into a new draft."""
    return versioning.version_draft_start(
        model=RiskAssessment, child=child, user=user, copy_rows=_copy_rows, sections=RiskAssessment.SECTIONS
    )


def risk_assessment_save(
    *, assessment: RiskAssessment, user: User, revision: int, fields: dict, triggers: list[dict], risks: list[dict]
) -> RiskAssessment:
    """Save a draft and its triggers and risks; raises versioning.StaleEdit on a stale revision."""

    def save_rows(current: RiskAssessment) -> None:
        versioning.version_save_rows(record=current, model=Trigger, fk="assessment", rows=triggers)
        versioning.version_save_rows(record=current, model=Risk, fk="assessment", rows=risks)

    return versioning.version_draft_save(
        record=assessment, user=user, revision=revision, fields=fields, save_rows=save_rows
    )


def risk_assessment_sign_off(
    *, assessment: RiskAssessment, user: User, revision: int, today: datetime.date | None = None
) -> RiskAssessment:
    return versioning.version_sign_off(record=assessment, user=user, revision=revision, today=today)
