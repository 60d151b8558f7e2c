"""Objects for the oversight URLs, for tests/test_cross_home.py: each belongs to the world's home."""

import datetime

from homes.models import Membership
from oversight.models import ImplementationAction, SelfAssessment
from tests.factories import member


def _self_assessment(world) -> int:
    """The home's self-assessment under way (a home has one at a time)."""
    under_way = SelfAssessment.objects.filter(home=world.home, completed_at__isnull=True).first()
    if under_way:
        return under_way.pk
    manager = member(world.home, Membership.Role.MANAGER)
    return SelfAssessment.objects.create(home=world.home, started_by=manager).pk


def _implementation_action(world) -> int:
    self_assessment = SelfAssessment.objects.get(pk=_self_assessment(world))
    return ImplementationAction.objects.create(
        self_assessment=self_assessment,
        theme="training",
        description="Book the team onto PACE training",
        owner=self_assessment.started_by,
        due_on=datetime.date.today() + datetime.timedelta(days=30),
        protected_hours=6,
    ).pk


URL_OBJECTS = {
    "self_assessment_id": _self_assessment,
    "implementation_action_id": _implementation_action,
}


def _quality_review(world) -> int:
    from oversight.models import QualityReview

    manager = member(world.home, Membership.Role.MANAGER)
    review, _ = QualityReview.objects.get_or_create(
        home=world.home,
        period_start=datetime.date(2026, 1, 1),
        defaults={
            "period_end": datetime.date(2026, 6, 30),
            "drafted_at": datetime.datetime(2026, 7, 2, 9, tzinfo=datetime.UTC),
            "drafted_by": manager,
        },
    )
    return review.pk


URL_OBJECTS["quality_review_id"] = _quality_review
