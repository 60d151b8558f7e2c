"""One module per record kind; each is imported here so Django finds its models."""

from health.models.medicines import Dose, MedicationError, Prescription, StockMovement, parse_times
from health.models.prints import MarPrint
from health.models.record import (
    Appointment,
    Condition,
    DelegatedAuthority,
    HealthAssessment,
    Immunisation,
    Registration,
)

__all__ = [
    "Appointment",
    "Condition",
    "DelegatedAuthority",
    "Dose",
    "HealthAssessment",
    "Immunisation",
    "MarPrint",
    "MedicationError",
    "Prescription",
    "Registration",
    "StockMovement",
    "parse_times",
]
