"""Trauma assessment records, one module per concept; every model is importable from here."""

from assessments.models.assessment import Assessment, Score
from assessments.models.history import AdverseExperience, DevelopmentalHistory, HistoryPeriod
from assessments.models.instrument import AgeBand, Domain, Expectation, Instrument, Item, ScalePoint
from assessments.models.policy import AssessmentPolicy

__all__ = [
    "AdverseExperience",
    "AgeBand",
    "Assessment",
    "AssessmentPolicy",
    "DevelopmentalHistory",
    "Domain",
    "Expectation",
    "HistoryPeriod",
    "Instrument",
    "Item",
    "ScalePoint",
    "Score",
]
