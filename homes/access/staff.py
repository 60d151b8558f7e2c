"""Supervision, training and wellbeing: staff records, private by default."""

import datetime

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from homes.access.core import (
    can_manage_home,
    home_ids_of,
    homes_with_role,
    role_in,
)
from homes.models import Home, Membership, User, current_membership

# Supervision, training and wellbeing
#
# Staff records are private by default. `homes` never imports `supervision`, so these look the
# models up by name at call time. The confidentiality rule (Regulation 33 supervision is a
# protected space) lives here and nowhere else:
# - a session's content (themes, coping rating, notes, agreed actions) is readable by the
#   supervisee(s), the supervisor and clinical leads only;
# - the home's managers, deputies and administrators see that it happened (date, kind,
#   duration, attendance, next date) and nothing else;
# - a wellbeing check-in's score and note are for the person and their supervisor, named by the
#   home's registered manager (SupervisionArrangement), from the day the arrangement began;
#   managers see monthly aggregates only (supervision.services.wellbeing decides the minimum).

SUPERVISOR_ROLES = frozenset({Membership.Role.MANAGER, Membership.Role.DEPUTY_MANAGER, Membership.Role.ASSESSOR})


def _model(name: str):
    from django.apps import apps

    return apps.get_model("supervision", name)


def _managed_home_ids(user: User) -> list[int] | QuerySet:
    return home_ids_of(user, Membership.MANAGING_ROLES)


def can_oversee_staff(user: User, home: Home) -> bool:
    """See a home's supervision compliance, training matrix and wellbeing aggregates: the
    home's managers and deputies, administrators and clinical leads."""
    return user.sees_all_homes or role_in(user, home) in Membership.MANAGING_ROLES


def staff_of(home: Home) -> QuerySet[User]:
    """Everyone working at the home (assessors included): who may be supervised or trained there."""
    return User.objects.filter(current_membership("memberships__"), memberships__home=home, is_active=True).distinct()


def supervision_sessions_for(user: User) -> QuerySet:
    """Sessions the person may know happened: their own (given or received), every session of
    homes they manage, every session for administrators and clinical leads. Whether they may
    read the content is `can_read_supervision_content`."""
    Session = _model("SupervisionSession")
    if not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    if user.sees_all_homes:
        return Session.objects.all()
    return Session.objects.filter(
        Q(supervisor=user) | Q(pk__in=_attended_by(user)) | Q(home_id__in=_managed_home_ids(user))
    )


def get_supervision_session_for(user: User, pk: int):
    return get_object_or_404(
        supervision_sessions_for(user).select_related("home", "supervisor").prefetch_related("attendances__person"),
        pk=pk,
    )


def can_read_supervision_content(user: User, session) -> bool:
    """Themes, coping rating, notes and actions: supervisee(s), supervisor, clinical leads.
    Uses the session's prefetched attendances when present."""
    if not user.is_authenticated:
        return False
    if user.is_clinical_lead or session.supervisor_id == user.pk:
        return True
    return any(attendance.person_id == user.pk for attendance in session.attendances.all())


def supervision_content_readable_by(user: User) -> Q:
    """`can_read_supervision_content` as a filter on sessions, for lists and exports."""
    if user.is_clinical_lead:
        return Q()
    return Q(supervisor=user) | Q(pk__in=_attended_by(user))


def _attended_by(user: User) -> QuerySet:
    """The sessions the person attended, as a subquery on the (person, session) index: a join
    to attendances with DISTINCT would read every session of the provider (issue 14)."""
    return _model("Attendance").objects.filter(person=user).values("session_id")


def can_supervise_in(user: User, home: Home) -> bool:
    """Record a session in a home: its managers, deputies and assessors, and clinical leads."""
    return user.is_clinical_lead or role_in(user, home) in SUPERVISOR_ROLES


def homes_supervised_in(user: User) -> QuerySet[Home]:
    """The homes where can_supervise_in holds, in one query."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.is_clinical_lead:
        return Home.objects.all()
    return homes_with_role(user, SUPERVISOR_ROLES)


def can_edit_supervision(user: User, session) -> bool:
    """Only the supervisor who recorded it, and only until anyone has signed."""
    return session.supervisor_id == user.pk and not session.is_locked


def can_sign_supervision(user: User, session) -> bool:
    if session.supervisor_id == user.pk:
        return session.supervisor_signed_at is None
    return any(a.person_id == user.pk and a.signed_at is None for a in session.attendances.all())


def supervision_actions_for(user: User) -> QuerySet:
    """Agreed actions whose session's content the person may read."""
    Action = _model("SupervisionAction")
    sessions = supervision_sessions_for(user).filter(supervision_content_readable_by(user)).values("pk")
    return Action.objects.filter(session__in=sessions)


def can_complete_action(user: User, action) -> bool:
    return user.pk in {action.owner_id, action.session.supervisor_id}


def can_set_supervision_policy(user: User, home: Home) -> bool:
    return can_manage_home(user, home)


def staff_visible_to(user: User) -> QuerySet[User]:
    """Whose training records the person may read: themselves, the staff of homes they
    manage, everyone for administrators and clinical leads."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user.sees_all_homes:
        return User.objects.all()
    return User.objects.filter(
        Q(pk=user.pk) | (Q(memberships__home_id__in=_managed_home_ids(user)) & current_membership("memberships__"))
    ).distinct()


def training_records_for(user: User) -> QuerySet:
    return _model("TrainingRecord").objects.filter(person__in=staff_visible_to(user))


def can_record_training(user: User, person: User) -> bool:
    """The person themselves, the managers and deputies of a home they work in, and
    administrators. Clinical leads read the training matrix but do not keep these records."""
    if user.is_administrator or user.pk == person.pk:
        return True
    return Membership.objects.filter(user=person, home_id__in=_managed_home_ids(user)).exists()


def can_record_staff_training(user: User, home: Home) -> bool:
    """Record training for any of the home's staff (not only oneself): can_record_training for
    everyone who works there."""
    return user.is_administrator or role_in(user, home) in Membership.MANAGING_ROLES


def staff_trainable_by(user: User, home: Home) -> QuerySet[User]:
    """The home's staff whose training the person may record, for the training form: the same
    rule as can_record_training, so the form never offers someone the submit would refuse."""
    staff = staff_of(home)
    return staff if can_record_staff_training(user, home) else staff.filter(pk=user.pk)


def can_arrange_supervision(user: User, home: Home) -> bool:
    """Name who supervises whom in a home: its registered managers and administrators. Not
    deputies: a supervisor reads the supervisee's wellbeing notes, so a deputy must not be able
    to appoint themselves the registered manager's supervisor."""
    return user.is_administrator or role_in(user, home) == Membership.Role.MANAGER


def supervisors_in(home: Home) -> QuerySet[User]:
    """Everyone for whom can_supervise_in(home) holds: the people a manager may name as someone's
    supervisor there."""
    return User.objects.filter(
        (Q(memberships__home=home, memberships__role__in=SUPERVISOR_ROLES) & current_membership("memberships__"))
        | Q(provider_role=User.ProviderRole.CLINICAL_LEAD),
        is_active=True,
    ).distinct()


def supervision_arrangements_for(user: User) -> QuerySet:
    """Who supervises whom, for the homes whose staff the person oversees (the arrangement is not
    confidential; the notes it opens are)."""
    Arrangement = _model("SupervisionArrangement")
    if not user.is_authenticated or not user.is_active:
        return Arrangement.objects.none()
    if user.sees_all_homes:
        return Arrangement.objects.all()
    return Arrangement.objects.filter(home_id__in=_managed_home_ids(user))


def _standing(arrangements: QuerySet) -> QuerySet:
    today = timezone.localdate()
    return arrangements.filter(since__lte=today).filter(Q(until__isnull=True) | Q(until__gt=today))


def current_arrangements(user: User) -> QuerySet:
    """The standing supervision arrangements in which this person is the supervisor."""
    return _standing(_model("SupervisionArrangement").objects.filter(supervisor=user))


def supervisors_of(user: User) -> QuerySet:
    """The person's own standing arrangements: who reads their wellbeing notes (shown to them)."""
    return _standing(_model("SupervisionArrangement").objects.filter(person=user))


def supervisees_of(user: User) -> QuerySet[User]:
    """The people this person supervises now, as arranged by the home's manager (never inferred
    from who recorded a session): they alone, besides the person, read wellbeing notes."""
    return User.objects.filter(pk__in=current_arrangements(user).values("person"))


def wellbeing_checkins_for(user: User) -> QuerySet:
    """Individual check-ins (score and note): the person's own, and those their supervisees
    recorded at the arrangement's home since the arrangement began (not before it: a new
    supervisor does not inherit what was said to the last one)."""
    CheckIn = _model("WellbeingCheckIn")
    if not user.is_authenticated or not user.is_active:
        return CheckIn.objects.none()
    readable = Q(person=user)
    for person_id, home_id, since in current_arrangements(user).values_list("person_id", "home_id", "since"):
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        readable |= Q(person_id=person_id, home_id=home_id, recorded_at__gte=start)
    return CheckIn.objects.filter(readable)
