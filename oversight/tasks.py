from celery import shared_task

from homes.builds import BuildTask
from oversight.models import QualityReviewPdf
from oversight.services import quality_review as quality_reviews
from oversight.services import tasks as services


@shared_task(name="oversight.tasks.send_task_digests", acks_late=True)
def send_task_digests() -> int:
    """Each morning (CELERY_BEAT_SCHEDULE): every person's list of what is due, by e-mail."""
    return services.send_task_digests()


@shared_task(base=BuildTask, model=QualityReviewPdf)
def build_quality_review_pdf(pdf_id: int) -> str:
    return quality_reviews.quality_review_pdf_build(pdf_id=pdf_id).status
