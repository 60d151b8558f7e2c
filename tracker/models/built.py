import datetime

from django.db import models
from django.utils import timezone

# A build left "queued" or "building" this long was lost (a worker died mid-build, or the
# broker dropped the message): it may be queued again. Builds take seconds, not minutes.
STALE_AFTER = datetime.timedelta(minutes=10)


class BuiltFile(models.Model):
    """A file a Celery worker builds (a review PDF, an evidence pack) and the state of its build:
    queued → building → ready / failed. Subclasses add the `file` field with their own path."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Builds started, counting retries.")
    # When the status last changed: how a lost build is told from one in progress.
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The broker could not be reached when the build was sent: the row stays queued (the request
    # is kept), the page says the builder is unavailable, and the sweep sends it once it is back.
    awaiting_builder = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        unfinished = self.status in {self.Status.QUEUED, self.Status.BUILDING}
        return unfinished and timezone.now() - self.status_changed_at > STALE_AFTER

    @property
    def is_awaiting_builder(self) -> bool:
        return self.status == self.Status.QUEUED and self.awaiting_builder

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stale or self.is_awaiting_builder
