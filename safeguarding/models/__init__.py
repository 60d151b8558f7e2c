"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.incidents import (
    ApprovedTechnique,
    Incident,
    IncidentCategory,
    IncidentChild,
    PhysicalIntervention,
)

__all__ = ["ApprovedTechnique", "Incident", "IncidentCategory", "IncidentChild", "PhysicalIntervention"]
