from supervision.models.arrangement import SupervisionArrangement
from supervision.models.policy import SupervisionPolicy
from supervision.models.session import Attendance, SupervisionAction, SupervisionSession
from supervision.models.training import Course, TrainingRecord
from supervision.models.wellbeing import WellbeingCheckIn

__all__ = [
    "Attendance",
    "Course",
    "SupervisionAction",
    "SupervisionArrangement",
    "SupervisionPolicy",
    "SupervisionSession",
    "TrainingRecord",
    "WellbeingCheckIn",
]
