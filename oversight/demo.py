"""Demo: Willow House's implementation self-assessments a year apart, showing the change, and the
plan from the latest (issue 12, item 6); its Regulation 45 reviews (item 3): the one before last
signed, its PDF built and its sending to Ofsted recorded, the latest a draft the manager is
writing. Idempotent, like every app's demo."""

import datetime
from decimal import Decimal

from django.utils import timezone

from homes.demo import Demo
from oversight.models import ImplementationAction, PracticeStatement, QualityReview, SelfAssessment, StatementRating
from oversight.services import quality_review as reviews

# Ratings a year ago and now, by theme: supervision and children's voices improved most.
RATINGS = {
    "leadership": (2, 3),
    "training": (2, 3),
    "supervision": (1, 3),
    "environment": (3, 3),
    "voice": (2, 4),
    "support": (2, 2),
}

ACTIONS = [
    ("support", "Agree a rota pattern that keeps a debrief slot after every late shift.", "manager", 20, 4, False),
    ("training", "Book the two newest staff onto PACE and therapeutic parenting.", "deputy", 45, 12, False),
    ("voice", "Start a monthly house meeting the children chair, with minutes they write.", "staff", -30, 2, True),
]


SIGNED_NARRATIVE = {
    "children_views": (
        "At house meetings the children said the evenings feel calmer since the new wind-down routine. "
        "One said the best thing was “knowing who is on shift tomorrow”."
    ),
    "parents_views": "Two families told us the weekly call helps; one asked for more notice of changes in staff.",
    "placing_authorities_views": (
        "Social workers reported timely updates and fewer missing episodes; one asked for earlier reports "
        "before statutory reviews."
    ),
    "staff_views": "Staff value monthly supervision; late shifts without a debrief remain the hardest.",
    "strengths": (
        "Key working happens every week and is written in the children's words. Monthly reviews are held "
        "with the assessor and change the plans."
    ),
    "actions": (
        "1. A debrief slot after every late shift (manager, by March).\n"
        "2. PACE training for the two newest staff (deputy, by April).\n"
        "3. Reports to placing authorities ten days before each statutory review (manager, from now)."
    ),
}


def seed(demo: Demo) -> None:
    _seed_self_assessments(demo)
    _seed_quality_reviews(demo)


def _seed_quality_reviews(demo: Demo) -> None:
    home = demo.homes["willow"]
    if QualityReview.objects.filter(home=home).exists():
        return
    today = timezone.localdate()
    manager = demo.people["manager"]
    latest_start, _ = reviews.last_ended_period(today)
    earlier_start, earlier_end = reviews.last_ended_period(latest_start)
    earlier = reviews.quality_review_draft(home=home, user=manager, period_start=earlier_start, today=today)
    reviews.quality_review_write(review=earlier, user=manager, revision=None, **SIGNED_NARRATIVE)
    reviews.quality_review_sign(review=earlier, user=demo.people["ri"])
    # Backdated: signed 18 days after the period's end, sent on the 21st, within the 28 days.
    signed_on = earlier_end + datetime.timedelta(days=18)
    signed_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(16)))
    drafted_at = signed_at - datetime.timedelta(days=9)
    QualityReview.objects.filter(pk=earlier.pk).update(signed_at=signed_at, drafted_at=drafted_at)
    earlier.refresh_from_db()
    reviews.quality_review_pdf_build(pdf_id=earlier.pdf.pk)
    reviews.quality_review_record_sent(
        review=earlier, user=manager, sent_on=earlier_end + datetime.timedelta(days=21), today=today
    )
    latest = reviews.quality_review_draft(home=home, user=manager, period_start=latest_start, today=today)
    reviews.quality_review_write(
        review=latest,
        user=manager,
        revision=None,
        children_views="From the house meetings in June: the children want a say in the summer trips.",
        strengths="Every child had a monthly review with their assessor in each month of the period.",
    )


def _seed_self_assessments(demo: Demo) -> None:
    home = demo.homes["willow"]
    if SelfAssessment.objects.filter(home=home).exists():
        return
    today = timezone.localdate()
    statements = list(PracticeStatement.objects.filter(active=True))
    latest = None
    for index, started in enumerate([today - datetime.timedelta(days=400), today - datetime.timedelta(days=35)]):
        latest = SelfAssessment.objects.create(
            home=home,
            started_on=started,
            started_by=demo.people["lead"],
            completed_at=timezone.make_aware(
                datetime.datetime.combine(started + datetime.timedelta(days=7), datetime.time(15))
            ),
            completed_by=demo.people["manager"],
        )
        StatementRating.objects.bulk_create(
            StatementRating(self_assessment=latest, statement=statement, rating=RATINGS[statement.theme][index])
            for statement in statements
        )
    for theme, description, owner, due_in, hours, done in ACTIONS:
        ImplementationAction.objects.create(
            self_assessment=latest,
            theme=theme,
            description=description,
            owner=demo.people[owner],
            due_on=today + datetime.timedelta(days=due_in),
            protected_hours=Decimal(hours),
            done_on=today - datetime.timedelta(days=3) if done else None,
        )
