from celery import shared_task

from homes.builds import BuildTask
from oversight import overview
from oversight.models import QualityReviewPdf
from oversight.services import quality_review as quality_reviews
from oversight.services import tasks as services


@shared_task(name="oversight.tasks.send_task_digests", acks_late=True)
def send_task_digests() -> int:
    """Each morning (CELERY_BEAT_SCHEDULE): every person's list of what is due, by e-mail."""
    return services.send_task_digests()


@shared_task(name="oversight.tasks.count_home_figures")
def count_home_figures() -> int:
    """Every ten minutes (CELERY_BEAT_SCHEDULE): the provider overview's and implementation
    measures' figures for every home, counted from the records."""
    return overview.count_every_homes_figures()


@shared_task(base=BuildTask, model=QualityReviewPdf)
def build_quality_review_pdf(pdf_id: int) -> str:
    return quality_reviews.quality_review_pdf_build(pdf_id=pdf_id).status
