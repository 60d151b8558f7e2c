"""Objects for the visits URLs, for tests/test_cross_home.py: each belongs to the world's home."""

from homes.models import Membership
from tests.factories import member
from tests.visits.factories import signed_report, visitor_for
from visits import services
from visits.models import Recommendation, Visit, VisitChild


def _visit(world) -> int:
    visitor = visitor_for(world.home)
    return services.visit_open(visitor=visitor, home=world.home).pk


def _visit_child(world) -> int:
    visit = Visit.objects.get(pk=_visit(world))
    return VisitChild.objects.create(visit=visit, child=world.child, consent_to_records=True).pk


def _visit_report(world) -> int:
    return signed_report(world.home, visitor_for(world.home)).pk


def _recommendation(world) -> int:
    report_id = _visit_report(world)
    recommendation = Recommendation.objects.filter(report_id=report_id).first()
    services.recommendation_respond(
        revision=None,
        recommendation=recommendation,
        user=member(world.home, Membership.Role.MANAGER),
        action="Book it",
        owner=member(world.home, Membership.Role.CARE_STAFF),
        due_on=recommendation.report.visit.visit_date,
    )
    return recommendation.pk


URL_OBJECTS = {
    "visit_id": _visit,
    "visit_child_id": _visit_child,
    "visit_report_id": _visit_report,
    "recommendation_id": _recommendation,
}
