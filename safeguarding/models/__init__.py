"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.complaints import Complaint  # noqa: F401
from safeguarding.models.consequences import Consequence, ProhibitedMeasure, prohibited_measures_in  # noqa: F401
from safeguarding.models.notifications import (  # noqa: F401
    Notification,
    NotificationCategory,
    NotificationPdf,  # noqa: F401
    NotificationRecipient,
)
