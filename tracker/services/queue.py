"""Sending a built file's row (a review PDF, an evidence pack) to its Celery task, honestly.

With a broker, a build the broker does not take stays queued and says so (`awaiting_builder`):
the person is told the builder is unavailable and that the request is kept, and the sweep
(tracker.tasks.requeue_stale_reports) sends it again once the broker is back. Nothing claims
"being built" while nothing happens.
"""

import logging
import time
from collections.abc import Callable

from django.db.models import Count, Min, Q, QuerySet

from homes.extensions import QueueCounts
from tracker.models.built import BuiltFile

logger = logging.getLogger(__name__)

BUILDER_UNAVAILABLE = "The PDF builder is unavailable just now. Your request is kept and will be built when it is back."

# After the broker refuses one build, this process does not try again for a while: "Build all
# packs" sends a dozen builds in one request, and each attempt can wait seconds for a broker that
# does not answer (CELERY_BROKER_TRANSPORT_OPTIONS). Those rows wait for the sweep as well.
BROKER_RETRY_AFTER_SECONDS = 15.0


class _BrokerBackoff:
    """When this process may next try the broker (time.monotonic())."""

    until = 0.0


def send_build(task_name: str, model: type[BuiltFile], object_id: int, mark_failed: Callable[..., None]) -> None:
    """Hand a row's id to its build task; called from transaction.on_commit."""
    from tracker import tasks  # tasks import the services: imported when first needed

    task = getattr(tasks, task_name)
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
            logger.exception("%s(%s) failed inline", task_name, object_id)
            mark_failed(object_id, getattr(exc, "exc", None) or exc)
            return
        logger.warning("%s(%s) stays queued: the broker is unreachable (%r)", task_name, object_id, exc)
        _BrokerBackoff.until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        _await_builder(model, object_id)


def _await_builder(model: type[BuiltFile], object_id: int) -> None:
    model.objects.filter(pk=object_id, status=BuiltFile.Status.QUEUED).update(awaiting_builder=True)


def any_awaiting_builder(rows: QuerySet) -> bool:
    """Whether the broker refused any of these rows (just queued by the caller)."""
    return rows.filter(status=BuiltFile.Status.QUEUED, awaiting_builder=True).exists()


def queue_counts(model: type[BuiltFile]) -> QueueCounts:
    """How many rows of this kind wait, are being built or failed, in one query."""
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
