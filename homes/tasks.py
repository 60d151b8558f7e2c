"""Celery tasks of `homes`: each takes ids (or nothing), and does its work in a service."""

from celery import shared_task

from homes.models import Heartbeat
from homes.status import heartbeat_record


@shared_task
def beat_heartbeat() -> None:
    """Beat sends this every minute (CELERY_BEAT_SCHEDULE); the status page reads the time."""
    heartbeat_record(name=Heartbeat.BEAT)


@shared_task
def requeue_stale_builds() -> int:
    """Every minute (CELERY_BEAT_SCHEDULE): the builds the broker refused, or that were lost with
    their worker, of every registered queue are sent again. Cheap when there are none."""
    from homes.builds import requeue_stale
    from homes.extensions import background_queues

    return sum(requeue_stale(queue.build_task) for queue in background_queues.values())
