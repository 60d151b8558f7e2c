"""URL objects for care plans and risk assessments (merged into tests/url_objects.py)."""

from tests.children.factories import CarePlanFactory, RiskAssessmentFactory

URL_OBJECTS = {
    "plan_id": lambda world: CarePlanFactory(child=world.child).pk,
    "risk_assessment_id": lambda world: RiskAssessmentFactory(child=world.child).pk,
}
