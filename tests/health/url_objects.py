"""How to fill the health app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.health.factories import AppointmentFactory, ConditionFactory, HealthAssessmentFactory

URL_OBJECTS: dict = {
    "condition_id": lambda world: ConditionFactory(child=world.child).pk,
    "health_assessment_id": lambda world: HealthAssessmentFactory(child=world.child).pk,
    "appointment_id": lambda world: AppointmentFactory(child=world.child).pk,
}
