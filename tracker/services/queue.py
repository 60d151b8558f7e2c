import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)


def send_build(task_name: str, object_id: int, mark_failed: Callable[..., None]) -> None:
    """Hand a row's id to its build task; called from transaction.on_commit."""
    from tracker import tasks  # tasks import the services: imported when first needed

    task = getattr(tasks, task_name)
    try:
        task.delay(object_id)
    except Exception as exc:
        logger.exception("%s(%s) could not be run or queued now", task_name, object_id)
        if task.app.conf.task_always_eager:
            # Inline (no broker) the build ran, and failed, in this request; retrying at once
            # would fail the same way, so the row shows the error and its retry button.
            mark_failed(object_id, getattr(exc, "exc", None) or exc)
        # With a broker, the broker was unreachable: the row stays queued, and the stale
        # sweep or the retry button queues it again.
