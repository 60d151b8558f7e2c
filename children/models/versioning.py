"""What care plans and risk assessments share: versions of one record about a child, each a
draft until a manager signs it off, then the active version until the next one supersedes it.

Signed-off versions are never edited again (Regulation 36: each entry signed and dated), so the
plan a team worked to on any day can always be read back."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from homes.concurrency import Revisioned
from homes.dates import validate_review_date


class SignedOffVersion(Revisioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        SUPERSEDED = "superseded", "Superseded"

    version = models.PositiveIntegerField(help_text="1 for the child's first, then counting up.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_date = models.DateField(
        null=True, blank=True, validators=[validate_review_date], help_text="When the team will look at this again."
    )
    # `revision` (from Revisioned) counts saves of a draft: see homes/concurrency.py.

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["child", "version"], name="%(class)s_one_per_version"),
            # The dashboards, the child's page and the before-shift sheet read "the" active version.
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(status="active"), name="%(class)s_one_active_per_child"
            ),
            # One draft at a time: two drafts of the same plan would silently diverge.
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(status="draft"), name="%(class)s_one_draft_per_child"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", signed_off_at__isnull=True, signed_off_by__isnull=True)
                | (~models.Q(status="draft") & models.Q(signed_off_at__isnull=False, signed_off_by__isnull=False)),
                name="%(class)s_signed_unless_draft",
            ),
        ]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def review_overdue(self) -> bool:
        return self.is_active and self.review_date is not None and self.review_date < timezone.localdate()

    @property
    def review_overdue_since(self) -> datetime.date | None:
        """The first day the review was late (the day after its date), while it is overdue."""
        return self.review_date + datetime.timedelta(days=1) if self.review_overdue else None
