"""Objects for the supervision URLs, for tests/test_cross_home.py: each belongs to the world's home."""

from homes.models import Membership
from supervision.models import Course, TrainingRecord
from tests.supervision.factories import (
    SupervisionArrangementFactory,
    make_action,
    make_session,
    staff_member,
    today,
)


def _session(world):
    supervisor = staff_member(world.home, Membership.Role.DEPUTY_MANAGER)
    return make_session(home=world.home, supervisor=supervisor, attendees=[staff_member(world.home)])


def _action(world):
    session = _session(world)
    return make_action(session, session.attendances.get().person).pk


def _training_record(world):
    record = TrainingRecord(
        person=staff_member(world.home),
        course=Course.objects.order_by("pk").first(),
        completed_on=today(),
        evidence="training/certificate.pdf",  # a name only: these tests never read the file
    )
    record.save()
    return record.pk


def _arrangement(world):
    supervisor = staff_member(world.home, Membership.Role.MANAGER)
    return SupervisionArrangementFactory(person=staff_member(world.home), supervisor=supervisor, home=world.home).pk


URL_OBJECTS = {
    "supervisor_arrangement_id": _arrangement,
    "session_id": lambda world: _session(world).pk,
    "action_id": _action,
    "record_id": _training_record,
}
