"""Retention's nightly listing (Celery beat, config/settings.py) and subject-access exports (issue 15)."""

from celery import shared_task

from homes.builds import BuildTask
from records.models import OwnCopy
from records.own_copy import own_copy_build
from records.retention import disposals_list_due
from records.subject_access import sar_build, sar_mark_failed


@shared_task
def list_records_due_for_disposal() -> int:
    """Lists the records that reached their retention date; idempotent. Returns how many were listed."""
    return len(disposals_list_due())


class SubjectAccessTask(BuildTask):
    """A subject-access request is not a BuiltFile (it has a review and a release): it is marked
    failed its own way."""

    def mark_failed(self, object_id: int, exc: BaseException) -> None:
        sar_mark_failed(request_id=object_id, error=exc)


@shared_task(base=SubjectAccessTask)
def build_subject_access_export(request_id: int) -> str:
    return sar_build(request_id=request_id).status


@shared_task(base=BuildTask, model=OwnCopy)
def build_own_copy(copy_id: int) -> str:
    return own_copy_build(copy_id=copy_id).status
