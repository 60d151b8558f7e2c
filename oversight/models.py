import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from homes.builds import BuiltFile
from homes.concurrency import Revisioned
from homes.dates import validate_review_date
from homes.models import Home


class TaskDigestOptOut(models.Model):
    """A person who turned off the daily e-mail of what is due. The digest is on by default: a row
    here means off (so a new person gets it without anything being set up)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_digest_opt_out")
    since = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} turned off the task digest"


class PracticeStatement(models.Model):
    """One statement a home rates itself against in its implementation self-assessment (issue 12,
    item 6): trauma-informed practice in its own organisation, in our own words. Data a provider
    edits in Set-up; a statement no longer used is made inactive, never deleted (past ratings name
    it)."""

    class Theme(models.TextChoices):
        LEADERSHIP = "leadership", "Leadership and protected time"
        TRAINING = "training", "Training"
        SUPERVISION = "supervision", "Supervision and reflection"
        ENVIRONMENT = "environment", "The environment"
        VOICE = "voice", "Children's voices shape the home"
        SUPPORT = "support", "How staff are supported"

    theme = models.CharField(max_length=20, choices=Theme.choices)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Inactive statements are left out of new self-assessments.")

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class SelfAssessment(Revisioned):
    """A home's rating of itself against the practice statements, started when the clinical lead
    or the manager chooses (at least yearly: a task reminds them), completed once every statement
    is rated; its gaps become the implementation plan's actions."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="self_assessments")
    started_on = models.DateField(default=timezone.localdate)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            # One self-assessment under way per home at a time (its ratings are the team's one view).
            models.UniqueConstraint(
                fields=["home"], condition=models.Q(completed_at__isnull=True), name="one_open_self_assessment_per_home"
            )
        ]

    def __str__(self) -> str:
        return f"{self.home} self-assessment, {self.started_on:%-d %B %Y}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class StatementRating(models.Model):
    class Rating(models.IntegerChoices):
        NOT_YET = 1, "Not yet"
        STARTING = 2, "Starting"
        MOSTLY = 3, "Mostly"
        FULLY = 4, "Fully, and we can show it"

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    statement = models.ForeignKey(PracticeStatement, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    evidence = models.TextField(blank=True, help_text="What shows it, or what is missing.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "statement"], name="one_rating_per_statement")
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.get_rating_display()}"


class ImplementationAction(models.Model):
    """A step of the home's implementation plan, from a gap the self-assessment found: what, who,
    by when, and the protected time agreed for it; tracked to done."""

    self_assessment = models.ForeignKey(SelfAssessment, on_delete=models.PROTECT, related_name="actions")
    theme = models.CharField(max_length=20, choices=PracticeStatement.Theme.choices)
    description = models.TextField("What will be done")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="implementation_actions")
    due_on = models.DateField("Due", validators=[validate_review_date])
    protected_hours = models.DecimalField(
        "Protected time agreed (hours)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text="Time set aside for it, away from the rota.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description


class QualityReview(Revisioned):
    """A home's Regulation 45 review of the quality of care for a six-month period (issue 12,
    item 3). Hearth drafts it from the records of the period: each registered QualityReviewSection
    gathers its facts, kept here as JSON (`sections`) so that the signed review never changes
    whatever happens to the records later; the manager adds the narrative and signs. Signed, it
    is immutable; its PDF is built by a worker and goes in the evidence pack; the date it was
    sent to Ofsted is recorded against the 28-day clock."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="quality_reviews")
    period_start = models.DateField("From")
    period_end = models.DateField("To")
    # [{"name", "title", "template", "facts"}, ...] in the sections' order, as drafted.
    sections = models.JSONField(default=list, blank=True, editable=False)
    drafted_at = models.DateTimeField(editable=False)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False)

    children_views = models.TextField("The views of the children", blank=True)
    parents_views = models.TextField("The views of parents and families", blank=True)
    placing_authorities_views = models.TextField("The views of placing authorities", blank=True)
    staff_views = models.TextField("The views of staff", blank=True)
    strengths = models.TextField("Strengths", blank=True, help_text="What the home does well, with the evidence.")
    actions = models.TextField(
        "Actions", blank=True, help_text="What will improve the quality of care, who will do it, and by when."
    )

    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True, editable=False
    )
    sent_to_ofsted_on = models.DateField("Sent to Ofsted on", null=True, blank=True, editable=False)
    sent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True, editable=False
    )

    NARRATIVE_FIELDS = (
        "children_views",
        "parents_views",
        "placing_authorities_views",
        "staff_views",
        "strengths",
        "actions",
    )

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["home", "period_start"], name="quality_review_one_per_home_period"),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="quality_review_period_forwards"
            ),
            models.CheckConstraint(
                condition=models.Q(sent_to_ofsted_on__isnull=True) | models.Q(signed_at__isnull=False),
                name="quality_review_sent_only_when_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home} quality of care review, {self.period_start:%-d %b %Y} to {self.period_end:%-d %b %Y}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def due_on(self) -> datetime.date:
        """Regulation 45: the report reaches Ofsted within 28 days of the period's end."""
        return self.period_end + datetime.timedelta(days=28)

    @property
    def sent_late(self) -> bool:
        return self.sent_to_ofsted_on is not None and self.sent_to_ofsted_on > self.due_on


def quality_review_upload_to(review, filename: str) -> str:
    """Where the first migration of the review kept its PDF (0004): the PDF is now a
    QualityReviewPdf row (migration 0005), built like every other file a worker builds."""
    return f"quality-reviews/{review.home_id}/{review.period_start:%Y-%m}.pdf"


def quality_review_pdf_upload_to(row: "QualityReviewPdf", filename: str) -> str:
    return f"quality-reviews/{row.review_id}/review.pdf"


class QualityReviewPdf(BuiltFile):
    """The signed review as a PDF, and the state of its build (homes.builds): queued when the
    review is signed; asking again (after a failure) rebuilds the same row."""

    review = models.OneToOneField(QualityReview, on_delete=models.PROTECT, related_name="pdf")
    file = models.FileField(upload_to=quality_review_pdf_upload_to, blank=True)
    queued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="quality_review_pdf_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"PDF of the {self.review}"


class HomeMonthFigure(models.Model):
    """One home's value in one column of the provider overview or the implementation measures
    (a registered `HomeTrend`) for one month, as last counted from the records
    (oversight.overview.count_figures): the pages read these, not every home's records. None
    where nothing could be measured."""

    home = models.ForeignKey(Home, on_delete=models.CASCADE, related_name="+")
    trend = models.CharField(max_length=40)
    month = models.DateField()
    value = models.FloatField(null=True)
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["home", "trend", "month"], name="home_month_figure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.trend} at home {self.home_id} in {self.month:%B %Y}: {self.value}"
