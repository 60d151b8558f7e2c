"""Children's records, one module per concept; every model is importable from here."""

from children.models.care_plan import CarePlan, Goal, GoalThread
from children.models.child import Child, ChildQuerySet
from children.models.daily_care import Activity
from children.models.key_working import KeyWorkingAmendment, KeyWorkingSession
from children.models.provision import ProvisionArrangement, ProvisionSession
from children.models.risk_assessment import Level, Risk, RiskAssessment, Trigger
from children.models.versioning import SignedOffVersion

__all__ = [
    "Activity",
    "CarePlan",
    "Child",
    "ChildQuerySet",
    "Goal",
    "GoalThread",
    "KeyWorkingAmendment",
    "KeyWorkingSession",
    "Level",
    "ProvisionArrangement",
    "ProvisionSession",
    "Risk",
    "RiskAssessment",
    "SignedOffVersion",
    "Trigger",
]
