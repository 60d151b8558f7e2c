"""Children's records, one module per concept; every model is importable from here."""

from children.models.care_plan import CarePlan, Goal, GoalThread
from children.models.child import Child, ChildQuerySet
from children.models.risk_assessment import Level, Risk, RiskAssessment, Trigger
from children.models.versioning import SignedOffVersion

__all__ = [
    "CarePlan",
    "Child",
    "ChildQuerySet",
    "Goal",
    "GoalThread",
    "Level",
    "Risk",
    "RiskAssessment",
    "SignedOffVersion",
    "Trigger",
]
