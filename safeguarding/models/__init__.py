"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.body_map import BodyMap, BodyMark
from safeguarding.models.incidents import (
    ApprovedTechnique,
    Incident,
    IncidentCategory,
    IncidentChild,
    PhysicalIntervention,
)
from safeguarding.models.missing import MissingEpisode, MissingUpdate, ReturnInterview

__all__ = [
    "ApprovedTechnique",
    "BodyMap",
    "BodyMark",
    "Incident",
    "IncidentCategory",
    "IncidentChild",
    "MissingEpisode",
    "MissingUpdate",
    "PhysicalIntervention",
    "ReturnInterview",
]
