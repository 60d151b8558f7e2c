"""Helpers that build supervision records the way the services do, consistent with the homes:
supervisors and supervisees are members of the session's home."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from homes.models import Home, Membership, User
from supervision.models import (
    Attendance,
    Course,
    SupervisionAction,
    SupervisionArrangement,
    SupervisionSession,
    TrainingRecord,
)
from tests.factories import member


def today() -> datetime.date:
    """Today, when the test runs (a module constant would go stale across midnight)."""
    return timezone.localdate()


SECRET_NOTES = "Talked about the night Ellie went missing and how frightened I still feel."
SECRET_ACTION = "Book counselling through the employee assistance line"


def staff_member(home: Home, role: str = Membership.Role.CARE_STAFF, *, days_in_post: int = 400, **fields) -> User:
    """A member of the home who has worked there long enough to be due supervision."""
    return member(home, role, days_in_post=days_in_post, **fields)


def make_session(
    *,
    home: Home,
    supervisor: User,
    attendees: list[User],
    kind: str = SupervisionSession.Kind.INDIVIDUAL,
    held_on: datetime.date | None = None,
    signed: bool = False,
    **fields,
) -> SupervisionSession:
    defaults = {
        "duration_minutes": 60,
        "themes": ["emotional_impact", "children"],
        "coping_rating": 2 if kind == SupervisionSession.Kind.INDIVIDUAL else None,
        "notes": SECRET_NOTES,
    }
    defaults.update(fields)
    session = SupervisionSession.objects.create(
        home=home,
        supervisor=supervisor,
        recorded_by=supervisor,
        kind=kind,
        held_on=held_on or today() - datetime.timedelta(days=3),
        **defaults,
    )
    now = timezone.now() if signed else None
    Attendance.objects.bulk_create([Attendance(session=session, person=p, signed_at=now) for p in attendees])
    if signed:
        SupervisionSession.objects.filter(pk=session.pk).update(supervisor_signed_at=now)
        session.refresh_from_db()
    return session


def make_action(session: SupervisionSession, owner: User, **fields) -> SupervisionAction:
    fields.setdefault("description", SECRET_ACTION)
    fields.setdefault("due_on", today() + datetime.timedelta(days=14))
    return SupervisionAction.objects.create(session=session, owner=owner, **fields)


def course(name: str = "Safeguarding children") -> Course:
    return Course.objects.get(name=name)  # seeded by migration 0002


def make_training(person: User, course_name: str, completed_on: datetime.date, **fields) -> TrainingRecord:
    record = TrainingRecord(person=person, course=course(course_name), completed_on=completed_on, **fields)
    record.save()
    return record


class SupervisionArrangementFactory(DjangoModelFactory):
    """A standing arrangement, begun a year ago. Pass person, supervisor and home."""

    class Meta:
        model = SupervisionArrangement

    since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
