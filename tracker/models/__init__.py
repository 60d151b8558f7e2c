"""The monthly review's records, one module per concept; every model is importable from here."""

from tracker.models.evidence import EvidenceDownload, EvidencePack, EvidenceShare
from tracker.models.goal_progress import GoalProgress
from tracker.models.meeting import ReviewMeeting
from tracker.models.report import ReportDownload, ReviewReport
from tracker.models.tracker import MonthlyTracker

__all__ = [
    "EvidenceDownload",
    "EvidencePack",
    "EvidenceShare",
    "GoalProgress",
    "MonthlyTracker",
    "ReportDownload",
    "ReviewMeeting",
    "ReviewReport",
]
