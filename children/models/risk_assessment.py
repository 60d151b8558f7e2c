from django.db import models

from children.models.child import Child
from children.models.versioning import SignedOffVersion


class RiskAssessment(SignedOffVersion):
    """A trauma-informed risk assessment, one version: what is hard for the child and what
    helps, before what could go wrong."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="risk_assessments")
    early_signs = models.TextField(
        "Early signs of distress", blank=True, help_text="What we notice when the child is starting to struggle."
    )
    what_helps = models.TextField("What helps", blank=True)
    what_makes_it_worse = models.TextField("What makes it worse", blank=True)

    SECTIONS = ["early_signs", "what_helps", "what_makes_it_worse"]

    class Meta(SignedOffVersion.Meta):
        verbose_name = "risk assessment"

    def __str__(self) -> str:
        return f"{self.child.preferred_name}'s risk assessment, version {self.version}"


class Level(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Trigger(models.Model):
    """Something that can bring back the child's sense of danger."""

    class Certainty(models.TextChoices):
        KNOWN = "known", "We know this"
        LIKELY = "likely", "We think so"
        WONDER = "wonder", "We wonder"

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="triggers")
    what = models.CharField("Trigger", max_length=200)
    likely_response = models.TextField("The child's likely response")
    certainty = models.CharField("How sure we are", max_length=10, choices=Certainty.choices)

    class Meta:
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return self.what

    def get_additional_data(self) -> dict:
        # django-auditlog stores this with each change (deletions too), for the version's history.
        return {"record_id": self.assessment_id}


class Risk(models.Model):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.PROTECT, related_name="risks")
    description = models.CharField("Risk", max_length=200)
    likelihood = models.CharField(max_length=10, choices=Level.choices)
    severity = models.CharField(max_length=10, choices=Level.choices)
    agreed_response = models.TextField("Agreed response")

    class Meta:
        ordering = ["assessment", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_additional_data(self) -> dict:
        return {"record_id": self.assessment_id}
