"""A home's implementation self-assessment and plan (issue 12, item 6): rate the home against the
practice statements, complete it once every statement is rated, turn the gaps into actions with
owners, dates and protected time, and see the change from the last one."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from homes.concurrency import revision_claim
from homes.models import Home, User
from oversight.models import ImplementationAction, PracticeStatement, SelfAssessment, StatementRating

ALREADY_UNDER_WAY = "{home} already has a self-assessment under way: finish that one first."
NOT_ALL_RATED = "Rate every statement before completing the self-assessment: {count} still to rate."
ALREADY_COMPLETE = "This self-assessment is complete: its ratings can no longer change."
OWNER_NOT_AT_HOME = "Choose someone who works at {home}."

# A self-assessment at least this often (the task list reminds the home's managers).
SELF_ASSESSMENT_EVERY_DAYS = 365


def self_assessment_start(*, home: Home, user: User) -> SelfAssessment:
    try:
        with transaction.atomic():
            return SelfAssessment.objects.create(home=home, started_by=user)
    except IntegrityError:
        raise ValidationError(ALREADY_UNDER_WAY.format(home=home.name)) from None


def statements_for(self_assessment: SelfAssessment) -> list[PracticeStatement]:
    """The statements of this self-assessment: those rated in it, and (while under way) every
    active statement, in order."""
    rated = StatementRating.objects.filter(self_assessment=self_assessment).values("statement")
    queryset = PracticeStatement.objects.filter(pk__in=rated)
    if not self_assessment.is_complete:
        queryset = PracticeStatement.objects.filter(active=True) | queryset
    return list(queryset.distinct().order_by("order", "pk"))


@transaction.atomic
def self_assessment_rate(
    *, self_assessment: SelfAssessment, user: User, revision: int | None, ratings: dict[int, tuple[int | None, str]]
) -> SelfAssessment:
    """Save the ratings given (statement id → (rating or None, evidence)), as read at `revision`
    (concurrency.StaleEdit if someone saved since). A statement left unrated keeps no rating."""
    if self_assessment.is_complete:
        raise ValidationError(ALREADY_COMPLETE)
    revision_claim(self_assessment, revision=revision, user=user)
    for statement_id, (rating, evidence) in ratings.items():
        if rating is None:
            StatementRating.objects.filter(self_assessment=self_assessment, statement_id=statement_id).delete()
            continue
        values = {"rating": rating, "evidence": evidence}
        StatementRating(self_assessment=self_assessment, statement_id=statement_id, **values).full_clean(
            validate_unique=False, validate_constraints=False
        )
        StatementRating.objects.update_or_create(
            self_assessment=self_assessment, statement_id=statement_id, defaults=values
        )
    return self_assessment


@transaction.atomic
def self_assessment_complete(*, self_assessment: SelfAssessment, user: User) -> SelfAssessment:
    if self_assessment.is_complete:
        raise ValidationError(ALREADY_COMPLETE)
    rated = set(StatementRating.objects.filter(self_assessment=self_assessment).values_list("statement", flat=True))
    unrated = [statement for statement in statements_for(self_assessment) if statement.pk not in rated]
    if unrated:
        raise ValidationError(NOT_ALL_RATED.format(count=len(unrated)))
    self_assessment.completed_at = timezone.now()
    self_assessment.completed_by = user
    self_assessment.save(update_fields=["completed_at", "completed_by"])
    return self_assessment


def implementation_action_add(
    *,
    self_assessment: SelfAssessment,
    theme: str,
    description: str,
    owner: User,
    due_on: datetime.date,
    protected_hours: Decimal,
) -> ImplementationAction:
    if not owner.memberships.filter(home=self_assessment.home).exists():
        raise ValidationError({"owner": OWNER_NOT_AT_HOME.format(home=self_assessment.home.name)})
    action = ImplementationAction(
        self_assessment=self_assessment,
        theme=theme,
        description=description,
        owner=owner,
        due_on=due_on,
        protected_hours=protected_hours,
    )
    action.full_clean()
    action.save()
    return action


def implementation_action_complete(*, action: ImplementationAction) -> ImplementationAction:
    if action.done_on is None:
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
    return action


@dataclass(frozen=True)
class ThemeScore:
    theme: str
    label: str
    now: float | None  # the average rating, 1–4
    before: float | None  # the same in the previous completed self-assessment

    @property
    def change(self) -> float | None:
        return None if self.now is None or self.before is None else round(self.now - self.before, 1)


def theme_scores(self_assessment: SelfAssessment) -> tuple[list[ThemeScore], SelfAssessment | None]:
    """Each theme's average rating beside the home's previous completed self-assessment's. Two
    queries."""
    previous = (
        SelfAssessment.objects.filter(
            home_id=self_assessment.home_id, completed_at__isnull=False, started_on__lte=self_assessment.started_on
        )
        .exclude(pk=self_assessment.pk)
        .order_by("-started_on", "-pk")
        .first()
    )
    ids = [self_assessment.pk] + ([previous.pk] if previous else [])
    totals: dict[tuple[int, str], list[int]] = {}
    for sa_id, theme, rating in StatementRating.objects.filter(self_assessment__in=ids).values_list(
        "self_assessment", "statement__theme", "rating"
    ):
        totals.setdefault((sa_id, theme), []).append(rating)

    def average(sa_id: int | None, theme: str) -> float | None:
        found = totals.get((sa_id, theme))
        return round(sum(found) / len(found), 1) if found else None

    scores = [
        ThemeScore(
            theme=theme,
            label=label,
            now=average(self_assessment.pk, theme),
            before=average(previous.pk, theme) if previous else None,
        )
        for theme, label in PracticeStatement.Theme.choices
    ]
    return scores, previous
