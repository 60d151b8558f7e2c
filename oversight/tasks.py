from celery import Task, shared_task

from oversight.services import quality_review as quality_reviews
from oversight.services import tasks as services


@shared_task(name="oversight.tasks.send_task_digests", acks_late=True)
def send_task_digests() -> int:
    """Each morning (CELERY_BEAT_SCHEDULE): every person's list of what is due, by e-mail."""
    return services.send_task_digests()


class QualityReviewPdfTask(Task):
    """Builds a signed Regulation 45 review's PDF from its id; retries with backoff, then marks
    the review's PDF failed so its page shows the error beside the button to ask again."""

    autoretry_for = (Exception,)
    retry_backoff = 5
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 3
    acks_late = True

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        review_id = args[0] if args else kwargs.get("review_id")
        if review_id is not None:
            quality_reviews.quality_review_pdf_mark_failed(review_id=review_id, error=exc)


@shared_task(base=QualityReviewPdfTask)
def build_quality_review_pdf(review_id: int) -> str:
    return quality_reviews.quality_review_pdf_build(review_id=review_id).pdf_status
