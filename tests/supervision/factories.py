"""Factories and helpers that build supervision records the way the services do, consistent with the homes:
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


class SupervisionSessionFactory(DjangoModelFactory):
    """A session with confidential content. Pass home and supervisor (a member of the home);
    make_session adds the attendances."""

    class Meta:
        model = SupervisionSession

    kind = SupervisionSession.Kind.INDIVIDUAL
    recorded_by = factory.SelfAttribute("supervisor")
    held_on = factory.LazyFunction(lambda: today() - datetime.timedelta(days=3))
    duration_minutes = 60
    themes = factory.LazyFunction(lambda: ["emotional_impact", "children"])
    coping_rating = factory.LazyAttribute(lambda o: 2 if o.kind == SupervisionSession.Kind.INDIVIDUAL else None)
    notes = SECRET_NOTES


def make_session(
    *,
    home: Home,
    supervisor: User,
    attendees: list[User],
    held_on: datetime.date | None = None,
    signed: bool = False,
    **fields,
) -> SupervisionSession:
    if held_on:
        fields["held_on"] = held_on
    now = timezone.now() if signed else None
    session = SupervisionSessionFactory(home=home, supervisor=supervisor, supervisor_signed_at=now, **fields)
    for person in attendees:
        Attendance.objects.create(session=session, person=person, signed_at=now)
    return session


def make_action(session: SupervisionSession, owner: User, **fields) -> SupervisionAction:
    fields.setdefault("description", SECRET_ACTION)
    fields.setdefault("due_on", today() + datetime.timedelta(days=14))
    return SupervisionAction.objects.create(session=session, owner=owner, **fields)


def course(name: str = "Safeguarding children") -> Course:
    return Course.objects.get(name=name)  # seeded by migration 0002


class TrainingRecordFactory(DjangoModelFactory):
    """A completion of a catalogue course (expiry derived on save). Pass person."""

    class Meta:
        model = TrainingRecord

    course = factory.LazyFunction(course)
    completed_on = factory.LazyFunction(today)


def make_training(person: User, course_name: str, completed_on: datetime.date, **fields) -> TrainingRecord:
    return TrainingRecordFactory(person=person, course=course(course_name), completed_on=completed_on, **fields)


class SupervisionArrangementFactory(DjangoModelFactory):
    """A standing arrangement, begun a year ago. Pass person, supervisor and home."""

    class Meta:
        model = SupervisionArrangement

    since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
