from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from children.brain import Region
from children.models.child import Child
from children.models.versioning import SignedOffVersion

LEAD_NOT_IN_HOME = "The person who leads a goal must be a member of the child's home."


class CarePlan(SignedOffVersion):
    """The child's individual care plan ("my plan" when speaking with the child), one version."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="care_plans")

    # The child's own voice comes first: the plan is theirs.
    what_matters_to_me = models.TextField("What matters to me", blank=True, help_text="In the child's own words.")
    what_i_want = models.TextField("What I want", blank=True, help_text="In the child's own words.")
    education = models.TextField(blank=True)
    psychotherapy = models.TextField(blank=True)
    health = models.TextField(blank=True)
    family_time = models.TextField(blank=True)
    boundaries = models.TextField("Boundaries and expectations", blank=True)

    SECTIONS = [
        "what_matters_to_me",
        "what_i_want",
        "education",
        "psychotherapy",
        "health",
        "family_time",
        "boundaries",
    ]

    class Meta(SignedOffVersion.Meta):
        verbose_name = "care plan"

    def __str__(self) -> str:
        return f"{self.child.preferred_name}'s plan, version {self.version}"


class GoalThread(models.Model):
    """One goal's identity across plan versions: each version holds its own copy of the goal,
    and the thread ties the copies together so the goal's history can be read."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="goal_threads")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Goal thread {self.pk} for {self.child.preferred_name}"


class Goal(models.Model):
    """A goal for the child's recovery, tied to the part of the brain map it addresses."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Not started yet"
        WORKING = "working", "Working on it"
        ACHIEVED = "achieved", "Achieved"
        STOPPED = "stopped", "No longer a goal"

    # Goals still being worked towards are carried into the next version of the plan.
    OPEN = frozenset({Status.PLANNED, Status.WORKING})

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="goals")
    thread = models.ForeignKey(GoalThread, on_delete=models.PROTECT, related_name="goals")
    title = models.CharField("Goal", max_length=200, help_text="What we are working towards, in plain words.")
    region = models.CharField("Brain-map domain", max_length=20, choices=Region.choices)
    # The assessment item as text: the plan stays readable whatever happens to the instrument.
    item_code = models.CharField(max_length=40, blank=True)
    item_label = models.CharField("Assessment item", max_length=200, blank=True)
    success_looks_like = models.TextField("What success looks like")
    adult_strategies = models.TextField("Strategies for the adults")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_goals", verbose_name="Who leads"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["plan", "thread_id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "thread"], name="goal_once_per_plan"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        # django-auditlog stores this with each change, so the plan's history finds its goals.
        return {"record_id": self.plan_id}

    @property
    def region_label(self) -> str:
        return Region(self.region).label

    def clean(self) -> None:
        if self.lead_id and self.plan_id:
            home_id = self.plan.child.home_id
            if not self.lead.memberships.filter(home_id=home_id).exists():
                raise ValidationError({"lead": LEAD_NOT_IN_HOME})
