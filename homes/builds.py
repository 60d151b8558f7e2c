"""Files Celery workers build from a row (review PDFs, evidence packs, MAR charts, notification
PDFs, a child's own copy), in one place for every app:

- `BuiltFile`: the row's build state, queued → building → ready / failed;
- `BuildTask`: the Celery task base: failures retry with backoff, and once the retries are used
  up the row is marked failed with the error, so the page shows it beside a retry button;
- `send_build`: hands a row's id to its task, honestly. With a broker, a build the broker does
  not take stays queued and says so (`awaiting_builder`): the person is told the builder is
  unavailable and that the request is kept, and the sweep (`homes.tasks.requeue_stale_builds`,
  every minute) sends it again once the broker is back. Nothing claims "being built" while
  nothing happens;
- `requeue` and `requeue_stale`: queue a row again, and the sweep of lost or refused builds.

An app registers each kind of row as a `homes.extensions.BackgroundQueue`: the status page counts
it, and the sweep requeues it."""

import datetime
import hashlib
import logging
import time
from collections.abc import Callable

from celery import Task
from django.contrib import messages
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.module_loading import import_string

from homes.extensions import QueueCounts

logger = logging.getLogger(__name__)

# A build left "queued" or "building" this long was lost (a worker died mid-build, or the
# broker dropped the message): it may be queued again. Builds take seconds, not minutes.
STALE_AFTER = datetime.timedelta(minutes=10)

BUILDER_UNAVAILABLE = "The PDF builder is unavailable just now. Your request is kept and will be built when it is back."

# After the broker refuses one build, this process does not try again for a while: "Build all
# packs" sends a dozen builds in one request, and each attempt can wait seconds for a broker that
# does not answer (CELERY_BROKER_TRANSPORT_OPTIONS). Those rows wait for the sweep as well.
BROKER_RETRY_AFTER_SECONDS = 15.0

FILE_MISSING = "The PDF file is missing from storage: make it again."

# The error kept on a row is for the person pressing "try again", not a log file.
ERROR_MAX_LENGTH = 2000


class BuiltFile(models.Model):
    """A file a Celery worker builds and the state of its build: queued → building → ready /
    failed. Subclasses add the `file` field with their own path."""

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


def describe(error: BaseException | str) -> str:
    """An error as the row keeps it."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return message[:ERROR_MAX_LENGTH]


def mark_failed(model: type[BuiltFile], object_id: int, error: BaseException | str) -> None:
    """The build failed for good (its retries used up): the page shows why beside a retry button.
    A row built meanwhile by another delivery stays ready."""
    model.objects.exclude(status=BuiltFile.Status.READY).filter(pk=object_id).update(
        status=BuiltFile.Status.FAILED, error=describe(error), status_changed_at=timezone.now()
    )


class BuildTask(Task):
    """The base of every build task, which takes its row's id: `@shared_task(base=BuildTask,
    model=MarPrint)`. Once the retries are used up the row is marked failed."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True
    model: type[BuiltFile]

    def mark_failed(self, object_id: int, exc: BaseException) -> None:
        mark_failed(self.model, object_id, exc)

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        object_id = args[0] if args else next(iter(kwargs.values()), None)
        if object_id is not None:
            self.mark_failed(object_id, exc)


class _BrokerBackoff:
    """When this process may next try the broker (time.monotonic())."""

    until = 0.0


def send_build(task_path: str, object_id: int) -> None:
    """Hand a row's id to its build task (its dotted path: tasks import the services, so the task
    is imported when first needed); called from transaction.on_commit."""
    task = import_string(task_path)
    model = task.model
    inline = task.app.conf.task_always_eager
    if not inline and time.monotonic() < _BrokerBackoff.until:
        _await_builder(model, object_id)
        return
    try:
        task.delay(object_id)
    except Exception as exc:
        if inline:
            # Inline (no broker) the build ran, and failed, in this request; retrying at once
            # would fail the same way, so the row shows the error and its retry button.
            logger.exception("%s(%s) failed inline", task_path, object_id)
            task.mark_failed(object_id, getattr(exc, "exc", None) or exc)
            return
        logger.warning("%s(%s) stays queued: the broker is unreachable (%r)", task_path, object_id, exc)
        _BrokerBackoff.until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        _await_builder(model, object_id)


def _await_builder(model: type[BuiltFile], object_id: int) -> None:
    model.objects.filter(pk=object_id, status=BuiltFile.Status.QUEUED).update(awaiting_builder=True)


def any_awaiting_builder(rows: models.QuerySet) -> bool:
    """Whether the broker refused any of these rows (just queued by the caller)."""
    return rows.filter(status=BuiltFile.Status.QUEUED, awaiting_builder=True).exists()


def say_queued(request: HttpRequest, rows: models.QuerySet, message: str) -> None:
    """After queueing builds: say they are on their way, or, if the broker refused any of them,
    that the builder is unavailable and the request is kept. Never "being built" for nothing."""
    if any_awaiting_builder(rows):
        messages.warning(request, BUILDER_UNAVAILABLE)
    else:
        messages.success(request, message)


def open_ready(request: HttpRequest, row: BuiltFile | None) -> File | None:
    """The ready row's file, opened for a FileResponse; Http404 while it is not built. None when
    storage lost the file: the row becomes a failed build with its retry button and the person is
    told, for the caller to send them to the page that offers it."""
    if row is None or row.status != BuiltFile.Status.READY:
        raise Http404("This PDF is not ready.")
    try:
        return row.file.open("rb")
    except FileNotFoundError:
        type(row).objects.filter(pk=row.pk).update(
            status=BuiltFile.Status.FAILED, error=FILE_MISSING, status_changed_at=timezone.now()
        )
        messages.error(request, FILE_MISSING)
        return None


def claim_build(model: type[BuiltFile], object_id: int) -> BuiltFile | None:
    """In the worker: the row, marked building, or None when there is nothing to do (built
    already, or another delivery of the same task is building it). Rendering then runs outside
    any transaction; the row says "building" meanwhile."""
    with transaction.atomic():
        row = model.objects.select_for_update(of=("self",)).get(pk=object_id)
        if row.status == row.Status.READY or (row.status == row.Status.BUILDING and not row.is_stale):
            return None
        row.status, row.awaiting_builder, row.attempts = row.Status.BUILDING, False, row.attempts + 1
        row.status_changed_at = timezone.now()
        row.save(update_fields=["status", "awaiting_builder", "attempts", "status_changed_at"])
    return row


def keep_for_retry(model: type[BuiltFile], object_id: int, error: BaseException) -> None:
    """Rendering raised: the row goes back to "queued" with the error, for the task's retry."""
    model.objects.filter(pk=object_id).update(
        status=BuiltFile.Status.QUEUED, error=describe(error), status_changed_at=timezone.now()
    )


def finish_build(row: BuiltFile, name: str, content: bytes) -> BuiltFile:
    """Keep the built file (and its SHA-256) on the locked row; the file it replaces is deleted
    once committed."""
    previous = row.file.name
    row.file.save(name, ContentFile(content), save=False)
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.built_at = row.status_changed_at = timezone.now()
    row.status, row.error = row.Status.READY, ""
    row.full_clean()
    row.save()
    if previous and previous != row.file.name:
        storage = row.file.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return row


def build(
    model: type[BuiltFile], object_id: int, render: Callable[[BuiltFile], bytes], name: Callable[[BuiltFile], str]
) -> BuiltFile:
    """In the worker: claim the row, render its file outside any transaction (it takes seconds;
    a failure goes back to "queued" for the task's retry), and keep it under `name(row)`."""
    row = claim_build(model, object_id)
    if row is None:
        return model.objects.get(pk=object_id)
    try:
        content = render(row)
    except Exception as exc:
        keep_for_retry(model, object_id, exc)
        raise
    with transaction.atomic():
        row = model.objects.select_for_update(of=("self",)).get(pk=object_id)
        return finish_build(row, name(row), content)


def requeue(row: BuiltFile, task_path: str, **changes) -> BuiltFile:
    """Queue the (locked) row again, with any other changes (who asked); its id goes to the
    task once committed: a worker must find it queued, and a rolled-back request sends nothing."""
    changes = {
        "status": BuiltFile.Status.QUEUED,
        "error": "",
        "awaiting_builder": False,
        "status_changed_at": timezone.now(),
        **changes,
    }
    for name, value in changes.items():
        setattr(row, name, value)
    row.save(update_fields=list(changes))
    transaction.on_commit(lambda: send_build(task_path, row.pk))
    return row


def requeue_stale(task_path: str) -> int:
    """Queue again every row of the task's kind whose build was lost, or that the broker refused
    (the sweep). Each row is locked and looked at again: a worker may have taken it meanwhile."""
    model = import_string(task_path).model
    stale = model.objects.filter(
        Q(
            status__in=[BuiltFile.Status.QUEUED, BuiltFile.Status.BUILDING],
            status_changed_at__lt=timezone.now() - STALE_AFTER,
        )
        | Q(status=BuiltFile.Status.QUEUED, awaiting_builder=True)
    )
    count = 0
    for object_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            row = model.objects.select_for_update(of=("self",)).get(pk=object_id)
            if row.is_stale or row.is_awaiting_builder:
                requeue(row, task_path)
                count += 1
    return count


def queue_counts(task_path: str) -> QueueCounts:
    """How many rows of the task's kind wait, are being built or failed, in one query."""
    model = import_string(task_path).model
    queued = Q(status=BuiltFile.Status.QUEUED)
    return QueueCounts(
        **model.objects.aggregate(
            queued=Count("pk", filter=queued),
            building=Count("pk", filter=Q(status=BuiltFile.Status.BUILDING)),
            failed=Count("pk", filter=Q(status=BuiltFile.Status.FAILED)),
            awaiting_builder=Count("pk", filter=queued & Q(awaiting_builder=True)),
            oldest_queued_at=Min("status_changed_at", filter=queued),
        )
    )
