from django.conf import settings
from django.db import models

from assessments.models.instrument import Instrument, Item
from children.ages import age_in_months
from children.models import Child
from homes.concurrency import Revisioned


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def final(self) -> "AssessmentQuerySet":
        """Assessments that stand: finalised and not replaced by a correction."""
        return self.filter(status=Assessment.Status.FINAL)


class Assessment(Revisioned):
    """One brain-map assessment of a child with one instrument version.

    A draft may be saved incomplete, as often as the assessor likes (the entry page autosaves);
    finalising needs every item scored and makes it read-only. A mistake in a final assessment
    is put right by a correction: a new assessment that names the one it corrects and why, and
    which, once final, marks the original as corrected."""

    class Kind(models.TextChoices):
        INITIAL = "initial", "Initial assessment"
        REVIEW = "review", "Re-assessment (review)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"
        CORRECTED = "corrected", "Corrected (replaced)"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField("Date of assessment")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True, help_text="Context: who was consulted, what was observed, anything unusual.")
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        help_text="The final assessment this one corrects.",
    )
    correction_reason = models.TextField(blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(finalised_at__isnull=False),
                name="assessment_final_has_finalised_at",
            ),
            models.CheckConstraint(
                condition=models.Q(corrects__isnull=True) | ~models.Q(correction_reason=""),
                name="assessment_correction_has_reason",
            ),
        ]
        indexes = [
            # The child's page, the region-band and focus-area providers and the due dates
            # look for a child's latest final assessment.
            models.Index(fields=["child", "status", "assessed_on"], name="assessment_child_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.child} on {self.assessed_on:%d %b %Y}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def age_months(self) -> int:
        """The child's age at the assessment date, in completed months."""
        return age_in_months(self.child.date_of_birth, self.assessed_on)

    @property
    def age_text(self) -> str:
        years, months = divmod(self.age_months, 12)
        text = f"{years} years"
        return f"{text} {months} month{'s' if months != 1 else ''}" if months else text


class Score(models.Model):
    """The child's score on one item: a point on the instrument's scale."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="scores")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="score_one_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"
