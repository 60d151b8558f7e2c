"""Retention's nightly listing (issue 15), run by Celery beat (config/settings.py)."""

from celery import shared_task

from records.retention import disposals_list_due


@shared_task
def list_records_due_for_disposal() -> int:
    """Lists the records that reached their retention date; idempotent. Returns how many were listed."""
    return len(disposals_list_due())
