from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from homes.concurrency import Revisioned
from homes.models import Home

DEFAULT_INTERVAL_MONTHS = 6


class AssessmentPolicy(Revisioned):
    """How often a home's children are re-assessed. Kept here rather than on Home so that the
    assessments app owns its own setting; a home without a row uses the default."""

    home = models.OneToOneField(Home, on_delete=models.CASCADE, related_name="assessment_policy")
    interval_months = models.PositiveSmallIntegerField(
        "Re-assessment interval (months)",
        default=DEFAULT_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="A child's next assessment falls due this many months after the last final one.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "assessment policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_months__gte=1, interval_months__lte=24),
                name="assessmentpolicy_interval_1_to_24",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home}: every {self.interval_months} months"

    @classmethod
    def for_home(cls, home: Home, *, for_update: bool = False) -> "AssessmentPolicy":
        """The home's policy, or an unsaved one holding the defaults (as SupervisionPolicy.for_home).
        `for_update` locks the row, to change it."""
        policies = cls.objects.select_for_update() if for_update else cls.objects
        return policies.filter(home=home).first() or cls(home=home)
