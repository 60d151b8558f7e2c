"""The vocabulary of the brain map, shared by the assessment (which scores it) and the plan
(which targets it). The instrument's domains and items are data; these regions and bands are
the model itself, ordered bottom-up: regulate, then relate, then reason."""

from django.db import models


class Region(models.TextChoices):
    """Where a domain sits in the brain, bottom-up. Declaration order is the sequence of care."""

    BRAINSTEM = "brainstem", "Sensory integration"
    DIENCEPHALON = "diencephalon", "Self-regulation"
    LIMBIC = "limbic", "Relational"
    CORTEX = "cortex", "Cognitive"

    @property
    def brain_part(self) -> str:
        return self.value.capitalize()


class Band(models.TextChoices):
    """How far an item or domain is from what is typical for the child's age, worst first."""

    SIGNIFICANT = "significant", "Significant difficulty"
    MODERATE = "moderate", "Moderate difficulty"
    MILD = "mild", "Mild difficulty"
    TYPICAL = "typical", "Typical for age"
