from django.conf import settings
from django.db import models
from django.utils import timezone

from homes.builds import STALE_AFTER, BuiltFile
from homes.exports import safe_file_name
from tracker.models.tracker import MonthlyTracker

__all__ = ["STALE_AFTER", "ReportDownload", "ReviewReport", "report_upload_to"]


def report_upload_to(report: "ReviewReport", filename: str) -> str:
    return f"reviews/{report.tracker.child_id}/{report.tracker.month:%Y-%m}-{report.kind}.pdf"


class ReviewReport(BuiltFile):
    """One PDF of a child's month (the meeting pack or the signed review record) and the state
    of its build. One row per tracker (so per child and month) and kind: queueing it again
    finds the same row."""

    class Kind(models.TextChoices):
        MEETING_PACK = "meeting_pack", "Meeting pack"
        REVIEW_RECORD = "review_record", "Review record"

    tracker = models.ForeignKey(MonthlyTracker, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=report_upload_to, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["tracker", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["tracker", "kind"], name="report_one_per_tracker_and_kind"),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="report_ready_has_file_and_hash",
            ),
        ]
        indexes = [
            # The stale-report sweep looks for unfinished reports by status and age.
            models.Index(fields=["status", "status_changed_at"], name="report_status_age_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.tracker}"

    @property
    def filename(self) -> str:
        child = self.tracker.child
        # A safe slug, as in the evidence pack: the name is the child's, typed by a person.
        return safe_file_name(f"{child.preferred_name} {self.tracker.month:%Y-%m} {self.get_kind_display()}.pdf")


class ReportDownload(models.Model):
    """Who downloaded which report, and when: PDFs leave Hearth, so each copy is accounted for."""

    report = models.ForeignKey(ReviewReport, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    downloaded_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField("SHA-256 of the file downloaded", max_length=64)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self) -> str:
        return f"{self.user} downloaded {self.report} at {self.downloaded_at:%Y-%m-%d %H:%M}"
