"""One module per record kind; each is imported here so Django finds its models."""

from safeguarding.models.consequences import Consequence, ProhibitedMeasure, prohibited_measures_in  # noqa: F401
