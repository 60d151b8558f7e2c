"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.body_map import BodyMap, BodyMark
from safeguarding.models.complaints import Complaint
from safeguarding.models.consequences import Consequence, ProhibitedMeasure, prohibited_measures_in
from safeguarding.models.incidents import (
    ApprovedTechnique,
    Incident,
    IncidentCategory,
    IncidentChild,
    IncidentRequest,
    PhysicalIntervention,
)
from safeguarding.models.missing import MissingEpisode, MissingUpdate, ReturnInterview
from safeguarding.models.notifications import (
    Notification,
    NotificationCategory,
    NotificationPdf,
    NotificationRecipient,
)

__all__ = [
    "ApprovedTechnique",
    "BodyMap",
    "BodyMark",
    "Complaint",
    "Consequence",
    "Incident",
    "IncidentCategory",
    "IncidentChild",
    "IncidentRequest",
    "MissingEpisode",
    "MissingUpdate",
    "Notification",
    "NotificationCategory",
    "NotificationPdf",
    "NotificationRecipient",
    "PhysicalIntervention",
    "ProhibitedMeasure",
    "ReturnInterview",
    "prohibited_measures_in",
]
