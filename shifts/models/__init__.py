"""One module per record kind; each is imported here so Django finds its models."""

from shifts.models.daily_log import DailyLog
from shifts.models.handover import Handover, HandoverFlag, HandoverRead
from shifts.models.language import LanguagePhrase
from shifts.models.shift import ShiftPattern

__all__ = ["DailyLog", "Handover", "HandoverFlag", "HandoverRead", "LanguagePhrase", "ShiftPattern"]
