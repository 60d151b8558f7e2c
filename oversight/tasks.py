from celery import shared_task

from oversight.services import tasks as services


@shared_task(name="oversight.tasks.send_task_digests", acks_late=True)
def send_task_digests() -> int:
    """Each morning (CELERY_BEAT_SCHEDULE): every person's list of what is due, by e-mail."""
    return services.send_task_digests()
