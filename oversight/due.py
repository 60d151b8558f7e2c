"""The implementation plan on people's task lists (issue 12): actions they own falling due, and a
home's yearly self-assessment for its managers; the Regulation 45 review's 28-day clock."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import User
from oversight.models import ImplementationAction, QualityReview
from oversight.services.quality_review import last_ended_period, period_words
from oversight.services.self_assessment import SELF_ASSESSMENT_EVERY_DAYS


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    actions = ImplementationAction.objects.filter(
        owner=user, done_on__isnull=True, due_on__lte=until, self_assessment__in=access.self_assessments_for(user)
    ).select_related("self_assessment__home")
    for action in actions:
        yield Task(
            kind="Implementation plan action",
            about=action.self_assessment.home.name,
            due=action.due_on,
            url=reverse("implementation_home", args=[action.self_assessment.home_id]),
            home_id=action.self_assessment.home_id,
        )
    homes = access.homes_run_by(user).annotate(
        last_completed=Max("self_assessments__completed_at"),
        under_way=Count("self_assessments", filter=Q(self_assessments__completed_at__isnull=True)),
    )
    for home in homes:
        if home.under_way:
            continue  # carrying it on is on the home's Implementation page
        due = (
            timezone.localdate(home.last_completed) + datetime.timedelta(days=SELF_ASSESSMENT_EVERY_DAYS)
            if home.last_completed
            else today
        )
        if due <= until:
            yield Task(
                kind="Implementation self-assessment",
                about=home.name,
                due=due,
                url=reverse("implementation_home", args=[home.pk]),
                home_id=home.pk,
            )


REVIEW_TO_DRAFT = "Regulation 45 review to draft"
REVIEW_TO_SIGN = "Regulation 45 review to finish and sign"
REVIEW_TO_SEND = "Regulation 45 review to send to Ofsted"


def _quality_review_tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    """For the home's managers: a review that is not yet with Ofsted, due 28 days after its
    period's end; and, once a half-year has ended with no review drafted, the review to draft
    (listed from the day after the period's end, whatever the horizon: its clock is running).
    Three queries."""
    homes = list(access.homes_run_by(user).order_by("name"))
    if not homes:
        return
    start, end = last_ended_period(today)
    drafted = set(QualityReview.objects.filter(home__in=homes, period_start=start).values_list("home_id", flat=True))
    for home in homes:
        if home.pk not in drafted:
            yield Task(
                kind=REVIEW_TO_DRAFT,
                about=f"{home.name}, {period_words(start, end)}",
                due=end + datetime.timedelta(days=28),
                url=reverse("quality_reviews", args=[home.pk]),
                home_id=home.pk,
            )
    open_reviews = QualityReview.objects.filter(home__in=homes, sent_to_ofsted_on__isnull=True).select_related("home")
    for review in open_reviews:
        if review.due_on <= until:
            yield Task(
                kind=REVIEW_TO_SEND if review.is_signed else REVIEW_TO_SIGN,
                about=f"{review.home.name}, {period_words(review.period_start, review.period_end)}",
                due=review.due_on,
                url=reverse("quality_review_detail", args=[review.pk]),
                home_id=review.home_id,
            )


def register() -> None:
    register_task_source(TaskSource(name="implementation", tasks=_tasks))
    register_task_source(TaskSource(name="quality-review", tasks=_quality_review_tasks))
