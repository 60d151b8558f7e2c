"""The printable MAR for a child's month, built as a PDF by a Celery worker."""

from django.conf import settings
from django.db import models

from children.models import Child
from homes.builds import BuiltFile
from homes.exports import safe_file_name


def mar_upload_to(row: "MarPrint", filename: str) -> str:
    return f"mar/{row.child_id}/{row.month:%Y-%m}.pdf"


class MarPrint(BuiltFile):
    """One PDF per child and month, and the state of its build (homes.builds). Asking again
    rebuilds the same row (the chart may have changed since)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="mar_prints")
    month = models.DateField()
    file = models.FileField(upload_to=mar_upload_to, blank=True)
    queued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["child", "month"], name="mar_print_one_per_child_month"),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="mar_print_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"MAR chart, {self.month:%B %Y}"

    @property
    def filename(self) -> str:
        return safe_file_name(f"{self.child.preferred_name} {self.month:%Y-%m} MAR chart.pdf")
