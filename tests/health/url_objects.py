"""How to fill the health app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.health.factories import (
    AppointmentFactory,
    ConditionFactory,
    DoseFactory,
    HealthAssessmentFactory,
    PrnPrescriptionFactory,
)

URL_OBJECTS: dict = {
    "condition_id": lambda world: ConditionFactory(child=world.child).pk,
    "health_assessment_id": lambda world: HealthAssessmentFactory(child=world.child).pk,
    "appointment_id": lambda world: AppointmentFactory(child=world.child).pk,
    "prescription_id": lambda world: PrnPrescriptionFactory(child=world.child).pk,
    "mar_print_id": lambda world: _mar_print(world).pk,
    "dose_id": lambda world: DoseFactory(prescription=PrnPrescriptionFactory(child=world.child)).pk,
}


def _mar_print(world):
    from django.utils import timezone

    from health.models import MarPrint

    return MarPrint.objects.create(
        child=world.child, month=timezone.localdate().replace(day=1), queued_by=world.child.key_worker
    )
