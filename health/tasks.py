"""Celery tasks: each takes ids, and does its work in a service."""

from celery import Task, shared_task

from health.services.prints import mar_print_build, mar_print_mark_failed


class MarPrintTask(Task):
    """Retries with backoff; once the retries are used up, the row is marked failed with the
    error, so the chart's page shows it beside the button to ask again."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        print_id = args[0] if args else kwargs.get("print_id")
        if print_id is not None:
            mar_print_mark_failed(print_id=print_id, error=exc)


@shared_task(base=MarPrintTask)
def build_mar_print(print_id: int) -> str:
    return mar_print_build(print_id=print_id).status
