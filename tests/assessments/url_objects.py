"""Objects for the assessments URLs in the cross-home test (tests/test_cross_home.py)."""

from assessments.models import AdverseExperience
from homes.models import Membership
from tests.assessments.factories import make_assessment
from tests.factories import member


def _assessment(world):
    return make_assessment(world.child, member(world.home, Membership.Role.ASSESSOR), scores=2, final=True).pk


def _experience(world):
    return AdverseExperience.objects.create(
        child=world.child,
        category=AdverseExperience.Category.SEPARATION,
        source="Social work chronology",
        certainty=AdverseExperience.Certainty.CONFIRMED,
        recorded_by=member(world.home, Membership.Role.ASSESSOR),
    ).pk


URL_OBJECTS = {"assessment_id": _assessment, "experience_id": _experience}
