import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from homes.dates import add_months

EXPIRING_WITHIN_DAYS = 60
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}

COMPLETED_IN_FUTURE = "The completion date is in the future: record training once it is done."
EVIDENCE_WRONG_TYPE = "The evidence must be a PDF, PNG or JPEG file (a certificate, or a photo of one)."
EVIDENCE_TOO_LARGE = "The evidence file is larger than 10 MB: please scan it at a lower resolution."


def validate_evidence(upload) -> None:
    """Type by extension and by the file's first bytes (a renamed .exe is refused), and size."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(EVIDENCE_TOO_LARGE)
    magic = EVIDENCE_TYPES.get(Path(upload.name).suffix.lower())
    if magic is None:
        raise ValidationError(EVIDENCE_WRONG_TYPE)
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(position)
    if head != magic:
        raise ValidationError(EVIDENCE_WRONG_TYPE)


class Course(models.Model):
    """A course in the provider's catalogue; providers add their own in Set-up."""

    name = models.CharField(max_length=120, unique=True)
    valid_for_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How long a completion stays valid. Leave empty if it never expires."
    )
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Retired courses leave the training matrix.")
    part_of_the_model = models.BooleanField(
        "Part of the therapeutic model",
        default=False,
        help_text="Counted in the implementation measure of staff trained in the model.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    """One person's completion of a course, with its evidence (a certificate)."""

    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        EXPIRING = "expiring", "Expiring"
        EXPIRED = "expired", "Expired"
        MISSING = "missing", "Missing"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, editable=False)
    evidence = models.FileField(upload_to="training/%Y/%m/", blank=True, validators=[validate_evidence])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on"]
        indexes = [
            # The training matrix reads each person's latest completion of each course.
            models.Index(fields=["person", "course", "completed_on"], name="training_person_course_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.course} ({self.completed_on:%d %b %Y})"

    def save(self, *args, **kwargs) -> None:
        # Derived once, so the matrix can filter and sort on it.
        months = self.course.valid_for_months
        self.expires_on = add_months(self.completed_on, months) if months else None
        super().save(*args, **kwargs)

    def status_on(self, day: datetime.date) -> str:
        return self.status_of(self.expires_on, day)

    @classmethod
    def status_of(cls, expires_on: datetime.date | None, day: datetime.date) -> str:
        """The status on `day` of a completion expiring on `expires_on` (None: never expires)."""
        if expires_on is None:
            return cls.Status.CURRENT
        if expires_on < day:
            return cls.Status.EXPIRED
        if expires_on <= day + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return cls.Status.EXPIRING
        return cls.Status.CURRENT

    def clean(self) -> None:
        if self.completed_on and self.completed_on > timezone.localdate():
            raise ValidationError({"completed_on": COMPLETED_IN_FUTURE})
