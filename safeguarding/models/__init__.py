"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.body_map import BodyMap, BodyMark
from safeguarding.models.missing import MissingEpisode, MissingUpdate, ReturnInterview

__all__ = ["BodyMap", "BodyMark", "MissingEpisode", "MissingUpdate", "ReturnInterview"]
