"""The child's own copy of their record (issue 15, item 2): "My plan and my story so far", and the
moving-on pack when they leave, built as PDFs by a Celery worker, like health.MarPrint."""

from django.conf import settings
from django.db import models

from children.models import Child
from homes.builds import BuiltFile
from homes.exports import safe_file_name


def own_copy_upload_to(row: "OwnCopy", filename: str) -> str:
    return f"own-copy/{row.child_id}/{row.kind}.pdf"


class OwnCopy(BuiltFile):
    """One PDF of each kind per child, and the state of its build (homes.builds). Asking again
    rebuilds the same row (the plan or memory box may have changed)."""

    class Kind(models.TextChoices):
        MY_PLAN = "my_plan", "My plan and my story so far"
        MOVING_ON = "moving_on", "My moving-on pack"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="own_copies")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to=own_copy_upload_to, blank=True)
    queued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kind"]
        verbose_name = "child's own copy"
        verbose_name_plural = "children's own copies"
        constraints = [
            models.UniqueConstraint(fields=["child", "kind"], name="own_copy_one_per_child_kind"),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="own_copy_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def filename(self) -> str:
        return safe_file_name(f"{self.child.preferred_name} {self.get_kind_display()}.pdf")
