"""A member of staff's supervision, training and wellbeing as subject access and retention see them
(homes.extensions.SubjectAccessSection). Group sessions are other attendees' records too: the
export shows them (for the redaction review), disposal keeps them and deletes only the person's
attendance."""

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from supervision.models import (
    Attendance,
    SupervisionAction,
    SupervisionArrangement,
    SupervisionSession,
    TrainingRecord,
    WellbeingCheckIn,
)


def _own_sessions(user) -> QuerySet:
    """Sessions whose only attendee is the person (individual supervision, a debrief)."""
    return (
        SupervisionSession.objects.annotate(attending=Count("attendances"))
        .filter(attendances__person=user)
        .filter(attending=1)
    )


def staff_records(user) -> Iterable[QuerySet]:
    own = list(_own_sessions(user).values_list("pk", flat=True))
    return [
        SupervisionArrangement.objects.filter(person=user).order_by("pk"),
        SupervisionSession.objects.filter(pk__in=own).order_by("held_on", "pk"),
        Attendance.objects.filter(person=user).order_by("pk"),
        SupervisionAction.objects.filter(session_id__in=own).order_by("pk"),
        TrainingRecord.objects.filter(person=user).order_by("pk"),
        WellbeingCheckIn.objects.filter(person=user).order_by("pk"),
    ]


def staff_shared_records(user) -> Iterable[QuerySet]:
    own = _own_sessions(user).values("pk")
    return [
        SupervisionSession.objects.filter(attendances__person=user).exclude(pk__in=own).order_by("held_on", "pk"),
        SupervisionAction.objects.filter(owner=user).exclude(session__in=own).order_by("pk"),
    ]
