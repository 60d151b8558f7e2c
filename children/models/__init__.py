"""Children's records, one module per concept; every model is importable from here."""

from children.models.child import Child, ChildQuerySet
from children.models.daily_care import Activity
from children.models.key_working import KeyWorkingAmendment, KeyWorkingSession
from children.models.provision import ProvisionArrangement, ProvisionSession

__all__ = [
    "Activity",
    "Child",
    "ChildQuerySet",
    "KeyWorkingAmendment",
    "KeyWorkingSession",
    "ProvisionArrangement",
    "ProvisionSession",
]
