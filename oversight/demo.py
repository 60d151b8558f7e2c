"""Demo: Willow House's implementation self-assessments a year apart, showing the change, and the
plan from the latest (issue 12, item 6). Idempotent, like every app's demo."""

import datetime
from decimal import Decimal

from django.utils import timezone

from homes.demo import Demo
from oversight.models import ImplementationAction, PracticeStatement, SelfAssessment, StatementRating

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


def seed(demo: Demo) -> None:
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
