import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from homes.concurrency import Revisioned
from homes.dates import add_months
from homes.models import Home


class SupervisionPolicy(Revisioned):
    """How often a home's staff are due supervision and appraisal.

    Lives here rather than on Home so that team regulation stays in its own app; a home
    without a row uses the defaults (`SupervisionPolicy.for_home`)."""

    DEFAULT_SUPERVISION_WEEKS = 4
    DEFAULT_APPRAISAL_MONTHS = 12

    home = models.OneToOneField(Home, on_delete=models.CASCADE, related_name="supervision_policy")
    supervision_every_weeks = models.PositiveSmallIntegerField(
        "Supervision due every (weeks)",
        default=DEFAULT_SUPERVISION_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text="Regulation 33: practice-related supervision, at least monthly is good practice.",
    )
    appraisal_every_months = models.PositiveSmallIntegerField(
        "Appraisal due every (months)",
        default=DEFAULT_APPRAISAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )

    class Meta:
        verbose_name_plural = "supervision policies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(supervision_every_weeks__gte=1, supervision_every_weeks__lte=26),
                name="policy_supervision_weeks_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(appraisal_every_months__gte=1, appraisal_every_months__lte=24),
                name="policy_appraisal_months_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home}: supervision every {self.supervision_every_weeks} weeks"

    @classmethod
    def for_home(cls, home: Home) -> "SupervisionPolicy":
        """The home's policy, or an unsaved one holding the defaults."""
        return cls.objects.filter(home=home).first() or cls(home=home)

    @property
    def supervision_interval(self) -> datetime.timedelta:
        return datetime.timedelta(weeks=self.supervision_every_weeks)

    def appraisal_due_after(self, day: datetime.date) -> datetime.date:
        """When the next appraisal is due after one on `day` (or after starting that day):
        calendar months, as training expiry counts them."""
        return add_months(day, self.appraisal_every_months)
