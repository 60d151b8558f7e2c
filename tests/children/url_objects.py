"""URL keywords of the children app's record views, for tests/test_cross_home.py."""

from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    RiskAssessmentFactory,
)

URL_OBJECTS = {
    "activity_id": lambda world: ActivityFactory(child=world.child).pk,
    "key_working_id": lambda world: KeyWorkingSessionFactory(child=world.child).pk,
    "arrangement_id": lambda world: ProvisionArrangementFactory(child=world.child).pk,
    "plan_id": lambda world: CarePlanFactory(child=world.child).pk,
    "risk_assessment_id": lambda world: RiskAssessmentFactory(child=world.child).pk,
}
