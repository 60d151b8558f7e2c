"""The independent visitor and their visits, consistent with the home they visit."""

import datetime

from django.utils import timezone

from homes.models import Home, User
from tests.factories import UserFactory
from visits import services
from visits.models import Visit, VisitReport


def visitor_for(home: Home, **fields) -> User:
    """An independent visitor's account (no role anywhere) appointed to `home` since last year."""
    fields.setdefault("full_name", "Martin Oyelaran")
    visitor = UserFactory(**fields)
    services.visitor_appoint(visitor=visitor, home=home, starts_on=timezone.localdate() - datetime.timedelta(days=365))
    return visitor


def past_visit(home: Home, visitor: User, days_ago: int = 3) -> Visit:
    return Visit.objects.create(
        home=home,
        visitor=visitor,
        visit_date=timezone.localdate() - datetime.timedelta(days=days_ago),
        closed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def signed_report(home: Home, visitor: User, *, recommendations=("Book the team onto PACE training",), days_ago=3):
    visit = past_visit(home, visitor, days_ago)
    report = services.visit_report_save(
        visit=visit,
        staff_spoken_with=[],
        looked_at="Daily logs, incidents and the complaints log.",
        safeguarded=VisitReport.Judgement.YES,
        safeguarded_notes="Staff knew each child's triggers.",
        wellbeing_promoted=VisitReport.Judgement.PARTLY,
        wellbeing_notes="The garden is not yet usable.",
    )
    for text in recommendations:
        services.recommendation_add(report=report, text=text)
    return services.visit_report_sign(report=report, user=visitor)
