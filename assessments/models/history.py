"""The child's developmental history: adversity and relational health in each developmental
period, and adverse childhood experiences. One history per child, kept up to date as more is
learnt (the audit log keeps every earlier answer)."""

from django.conf import settings
from django.db import models

from children.models import Child
from homes.concurrency import Revisioned


class DevelopmentalHistory(Revisioned):
    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="developmental_history")
    summary = models.TextField(blank=True, help_text="What is known of the child's early life, and from whom.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "developmental histories"

    def __str__(self) -> str:
        return f"Developmental history of {self.child}"


class HistoryPeriod(models.Model):
    class Period(models.TextChoices):
        # Values sort in time order; starts are in months (perinatal covers pregnancy and birth).
        PERINATAL = "1_perinatal", "Perinatal (pregnancy and birth)"
        NEWBORN = "2_newborn", "0–2 months"
        INFANCY = "3_infancy", "2–12 months"
        EARLY_CHILDHOOD = "4_early", "1–4 years"
        CHILDHOOD = "5_childhood", "4–11 years"
        ADOLESCENCE = "6_adolescence", "11–18 years"

    # When each period starts, in months of age: a period that starts after the child's
    # current age is not asked about.
    STARTS_AT_MONTHS = {
        Period.PERINATAL: -9,
        Period.NEWBORN: 0,
        Period.INFANCY: 2,
        Period.EARLY_CHILDHOOD: 12,
        Period.CHILDHOOD: 48,
        Period.ADOLESCENCE: 132,
    }

    class Adversity(models.IntegerChoices):
        NONE_KNOWN = 0, "None known"
        MILD = 1, "Mild"
        MODERATE = 2, "Moderate"
        SEVERE = 3, "Severe"
        EXTREME = 4, "Extreme"

    class RelationalHealth(models.IntegerChoices):
        VERY_POOR = 0, "Very poor"
        POOR = 1, "Poor"
        MIXED = 2, "Mixed"
        GOOD = 3, "Good"
        STRONG = 4, "Strong"

    history = models.ForeignKey(DevelopmentalHistory, on_delete=models.PROTECT, related_name="periods")
    period = models.CharField(max_length=20, choices=Period.choices)
    adversity = models.PositiveSmallIntegerField(choices=Adversity.choices, null=True, blank=True)
    relational_health = models.PositiveSmallIntegerField(choices=RelationalHealth.choices, null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["history", "period"]
        constraints = [
            models.UniqueConstraint(fields=["history", "period"], name="historyperiod_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.history.child}: {self.get_period_display()}"


class AdverseExperience(models.Model):
    """One adverse childhood experience known or suspected in the child's life."""

    class Category(models.TextChoices):
        PHYSICAL_ABUSE = "physical_abuse", "Physical abuse"
        EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
        SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
        PHYSICAL_NEGLECT = "physical_neglect", "Physical neglect"
        EMOTIONAL_NEGLECT = "emotional_neglect", "Emotional neglect"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse in the home"
        SUBSTANCE_MISUSE = "substance_misuse", "A household member misusing alcohol or drugs"
        MENTAL_ILLNESS = "mental_illness", "A household member with serious mental ill health"
        SEPARATION = "separation", "Parental separation or loss of a parent"
        INCARCERATION = "incarceration", "A household member in prison"
        OTHER = "other", "Other (describe)"

    class Certainty(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        SUSPECTED = "suspected", "Suspected"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="adverse_experiences")
    category = models.CharField(max_length=30, choices=Category.choices)
    other_description = models.CharField(max_length=150, blank=True, help_text="For 'Other': what happened.")
    source = models.CharField(
        max_length=150, help_text="Where this is known from (social work chronology, the child...)."
    )
    certainty = models.CharField(max_length=10, choices=Certainty.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(default=False, help_text="Withdrawn entries are kept, hidden from the checklist.")

    class Meta:
        ordering = ["child", "category", "recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="other") | ~models.Q(other_description=""),
                name="adverseexperience_other_is_described",
            ),
        ]

    def __str__(self) -> str:
        what = self.other_description if self.category == self.Category.OTHER else self.get_category_display()
        return f"{self.child}: {what} ({self.get_certainty_display().lower()})"
