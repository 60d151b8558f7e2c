"""A child's health record and medicines as subject access and retention see them
(homes.extensions.SubjectAccessSection), the built MAR PDFs included."""

from collections.abc import Iterable

from django.db.models import QuerySet

from health.models import (
    Appointment,
    Condition,
    DelegatedAuthority,
    Dose,
    HealthAssessment,
    Immunisation,
    MarPrint,
    MedicationError,
    Prescription,
    Registration,
    StockMovement,
)


def child_records(child) -> Iterable[QuerySet]:
    return [
        Registration.objects.filter(child=child).order_by("pk"),
        Immunisation.objects.filter(child=child).order_by("pk"),
        Condition.objects.filter(child=child).order_by("pk"),
        HealthAssessment.objects.filter(child=child).order_by("pk"),
        Appointment.objects.filter(child=child).order_by("pk"),
        DelegatedAuthority.objects.filter(child=child).order_by("pk"),
        Prescription.objects.filter(child=child).order_by("pk"),
        StockMovement.objects.filter(prescription__child=child).order_by("pk"),
        Dose.objects.filter(child=child).order_by("pk"),
        MedicationError.objects.filter(child=child).order_by("pk"),
        MarPrint.objects.filter(child=child).order_by("pk"),
    ]
