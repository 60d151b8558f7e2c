from django.conf import settings
from django.db import models
from django.utils import timezone

from homes.models import Home

# Managers see a home's month only when at least this many different people answered,
# so that no one's answer can be picked out.
MIN_PEOPLE_FOR_AGGREGATE = 5


class WellbeingCheckIn(models.Model):
    """How a member of staff says they are, in a few seconds. The score is theirs: managers see
    only monthly aggregates; the private note is for them and their supervisor."""

    class Score(models.IntegerChoices):
        VERY_LOW = 1, "Very low"
        LOW = 2, "Low"
        OKAY = 3, "Okay"
        GOOD = 4, "Good"
        VERY_GOOD = 5, "Very good"

    # PROTECT: a person who leaves is deactivated; their check-ins stay.
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wellbeing_checkins")
    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="wellbeing_checkins")
    recorded_at = models.DateTimeField(default=timezone.now)
    score = models.PositiveSmallIntegerField(choices=Score.choices)
    private_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="checkin_score_1_to_5"),
        ]
        indexes = [
            # Monthly aggregates per home.
            models.Index(fields=["home", "recorded_at"], name="checkin_home_month_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {timezone.localtime(self.recorded_at):%d %b %Y}"
