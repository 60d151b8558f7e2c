"""A child's month of real records, for the prefill, goal-progress and PDF tests."""

import datetime

from django.utils import timezone

from assessments.models import Assessment
from children.brain import Region
from children.models import ProvisionArrangement, ProvisionSession
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    GoalFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    ProvisionSessionFactory,
    RiskAssessmentFactory,
    signed,
)


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan_with_goals(child, month: datetime.date, titles=("Settle to sleep", "Ask an adult for help")):
    """Version 1 of the child's plan, signed off before the month, with open goals."""
    plan = CarePlanFactory(child=child)
    goals = [GoalFactory(plan=plan, title=title, status="working") for title in titles]
    signed(plan, when=at(month - datetime.timedelta(days=20)))
    return plan, goals


def month_of_records(child, assessor, month: datetime.date, *, sessions: int = 2, goals=()) -> None:
    """Key working (on the given goals), activities in two domains, an education and a
    psychotherapy register, a reassessment finalised in the month, a risk assessment signed off."""
    for n in range(sessions):
        session = KeyWorkingSessionFactory(
            child=child,
            happened_at=at(month + datetime.timedelta(days=2 + n % 25)),
            child_voice=f"I liked the swimming, number {n}.",
            topic=f"Swimming {n}",
        )
        session.goals_worked_on.set(goals[:1])
        ActivityFactory(child=child, date=month + datetime.timedelta(days=3 + n % 25), region=Region.LIMBIC)
    ActivityFactory(child=child, date=month + datetime.timedelta(days=4), region=Region.BRAINSTEM, duration_minutes=30)
    school = ProvisionArrangementFactory(
        child=child, kind=ProvisionArrangement.Kind.EDUCATION, provider="Calder High", start_date=month
    )
    therapy = ProvisionArrangementFactory(child=child, start_date=month)
    for day, status in [(5, "attended"), (6, "attended"), (7, "did_not_attend"), (8, "attended")]:
        ProvisionSessionFactory(arrangement=school, date=month + datetime.timedelta(days=day), status=status)
    ProvisionSessionFactory(
        arrangement=therapy, date=month + datetime.timedelta(days=9), status=ProvisionSession.Status.ATTENDED
    )
    make_assessment(child, assessor, scores=1, final=True, assessed_on=month - datetime.timedelta(days=150))
    review = make_assessment(
        child,
        assessor,
        scores=2,
        final=True,
        assessed_on=month + datetime.timedelta(days=10),
        kind=Assessment.Kind.REVIEW,
    )
    Assessment.objects.filter(pk=review.pk).update(finalised_at=at(month + datetime.timedelta(days=11)))
    signed(RiskAssessmentFactory(child=child), when=at(month + datetime.timedelta(days=12)))
