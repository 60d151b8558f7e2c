"""Celery tasks of `homes`: each takes ids (or nothing), and does its work in a service."""

from celery import shared_task

from homes.models import Heartbeat
from homes.status import heartbeat_record


@shared_task
def beat_heartbeat() -> None:
    """Beat sends this every minute (CELERY_BEAT_SCHEDULE); the status page reads the time."""
    heartbeat_record(name=Heartbeat.BEAT)
