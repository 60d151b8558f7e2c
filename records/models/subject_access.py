"""Subject access (issue 15, item 3; UK GDPR article 15): a person's request for everything Hearth
holds about them, the export a Celery worker builds (an indexed PDF and JSON in one ZIP), the
redaction review of third parties' information, and the release.

The statutory clock: one month from receipt (the same date next month, or the month's last day),
extendable by two further months for a complex request."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from children.models import Child
from records.models.retention import ONE_SUBJECT, SubjectKind


def export_upload_to(request: "SubjectAccessRequest", filename: str) -> str:
    return f"subject-access/{request.pk}/subject-access-{request.pk}-{timezone.now():%Y%m%d%H%M%S}.zip"


class SubjectAccessRequest(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready for review"
        FAILED = "failed", "Failed"
        RELEASED = "released", "Released"

    kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.CharField(
        "Who asked",
        max_length=150,
        help_text="The person themselves, or who asks for them and on what authority.",
    )
    received_on = models.DateField("Date received", help_text="The one-month clock starts on this day.")
    extended = models.BooleanField(default=False, help_text="A complex request: two more months.")
    extension_reason = models.TextField(blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)

    # The build (a Celery worker): queued -> building -> ready / failed, with its progress.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent of the sections written.")
    progress_note = models.CharField(max_length=200, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=export_upload_to, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    record_count = models.PositiveIntegerField(default=0)

    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_to = models.CharField(max_length=200, blank=True, help_text="Who received it, and how.")

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="sar_one_subject"),
            models.CheckConstraint(
                condition=~Q(status__in=["ready", "released"]) | (~Q(file="") & ~Q(sha256="")),
                name="sar_ready_has_file_and_hash",
            ),
            models.CheckConstraint(
                condition=~Q(status="released") | Q(released_at__isnull=False, released_by__isnull=False),
                name="sar_released_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access request received {self.received_on:%d %b %Y}"

    @property
    def due_on(self):
        from homes.dates import add_months

        return add_months(self.received_on, 3 if self.extended else 1)

    @property
    def subject_name(self) -> str:
        if self.child_id:
            return f"{self.child.preferred_name} ({self.child.legal_name})"
        return self.person.full_name if self.person_id else "—"


class Redaction(models.Model):
    """One piece of third-party information the review found (another child's name, someone's
    e-mail address or phone number, a record shared with others), wherever it appears in the
    export, and the reviewer's decision: disclose or redact, and why."""

    class Kind(models.TextChoices):
        OTHER_CHILD = "other_child", "Another child named"
        CONTACT = "contact", "Someone else's contact details"
        SHARED = "shared", "A record shared with other people"

    class Decision(models.TextChoices):
        PENDING = "pending", "To decide"
        DISCLOSE = "disclose", "Disclose"
        REDACT = "redact", "Redact"

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.PROTECT, related_name="redactions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    term = models.CharField(max_length=200, help_text="The words found (a name, an address, a number).")
    # Where it is: [{"section": ..., "record": "children.KeyWorkingSession:12", "field": "notes", "excerpt": ...}]
    places = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "term"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "term"], name="redaction_one_per_term"),
            models.CheckConstraint(
                condition=Q(decision="pending")
                | (Q(decided_at__isnull=False, decided_by__isnull=False) & ~Q(reason="")),
                name="redaction_decided_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_decision_display()}"


class SubjectAccessDownload(models.Model):
    """Each download of an export: who, when, and the file's digest."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Downloaded {self.at:%d %b %Y %H:%M}"
