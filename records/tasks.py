"""Retention's nightly listing (Celery beat, config/settings.py) and subject-access exports (issue 15)."""

from celery import Task, shared_task

from records.own_copy import own_copy_build, own_copy_mark_failed
from records.retention import disposals_list_due
from records.subject_access import sar_build, sar_mark_failed


@shared_task
def list_records_due_for_disposal() -> int:
    """Lists the records that reached their retention date; idempotent. Returns how many were listed."""
    return len(disposals_list_due())


class SubjectAccessTask(Task):
    """Builds a subject-access export from its request's id; retries with backoff, then marks the
    request failed so its page shows the error beside a retry button."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        request_id = args[0] if args else next(iter(kwargs.values()), None)
        if request_id is not None:
            sar_mark_failed(request_id=request_id, error=exc)


@shared_task(base=SubjectAccessTask)
def build_subject_access_export(request_id: int) -> str:
    return sar_build(request_id=request_id).status


class OwnCopyTask(Task):
    """Builds a child's own copy from its row's id; retries with backoff, then marks the row
    failed so the page shows the error beside the button to ask again."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        copy_id = args[0] if args else kwargs.get("copy_id")
        if copy_id is not None:
            own_copy_mark_failed(copy_id=copy_id, error=exc)


@shared_task(base=OwnCopyTask)
def build_own_copy(copy_id: int) -> str:
    return own_copy_build(copy_id=copy_id).status
