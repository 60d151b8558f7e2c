"""Who may see and do what: the one place that decides.

Every view and export gets its querysets of children's and staff records from here.
Reading is decided by querysets (a record outside a person's reach is simply not found,
so views answer 404 and never reveal that it exists); writing by the `can_*` predicates,
which views turn into 403 with `require()`.

Reach:
- administrators and clinical leads: every home and child;
- managers, deputies and care staff: the children of homes where they hold a membership;
- assessors: the children assigned to them, and the children of homes where they hold
  the assessor role.
"""

import datetime
from collections.abc import Iterable

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from children.models import Activity, Child, KeyWorkingSession
from homes.models import Home, Membership, User


def homes_for(user: User) -> QuerySet[Home]:
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.sees_all_homes:
        return Home.objects.all()
    return Home.objects.filter(memberships__user=user)


def children_for(user: User) -> QuerySet[Child]:
    """Every child record the person may read, in placement or not."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    if user.sees_all_homes:
        return Child.objects.all()
    member_of = Membership.objects.filter(user=user).values("home_id")
    return Child.objects.filter(Q(home_id__in=member_of) | Q(assessor=user))


def for_children(user: User, queryset: QuerySet, *, via: str = "child") -> QuerySet:
    """Restrict any queryset of child-linked records (plans, assessments, sessions...) to the
    children the person may read. `via` is the lookup from the record to its Child."""
    return queryset.filter(**{f"{via}__in": children_for(user)})


def get_for_children(user: User, queryset: QuerySet, pk: int, *, via: str = "child"):
    """One child-linked record by id, or 404 if its child is outside the person's reach."""
    return get_object_or_404(for_children(user, queryset, via=via), pk=pk)


def get_home_for(user: User, pk: int) -> Home:
    return get_object_or_404(homes_for(user), pk=pk)


def get_child_for(user: User, pk: int) -> Child:
    return get_object_or_404(children_for(user).select_related("home", "key_worker", "assessor"), pk=pk)


# Reads: every read of a child's record is logged (DESIGN), by the pages that show one.


def log_read(user: User, record: Model) -> None:
    """Record that the person read this child's record, or one of its records (a plan, a
    key-working session...): an ACCESS entry in the record's audit history. Who (and from
    where) comes from AuditlogMiddleware, which knows the request's person as `user`."""
    accessed.send(sender=type(record), instance=record)


def log_reads(user: User, children: Iterable[Child]) -> None:
    """`log_read` for each child a page shows (a home's list, the before-shift sheet), in one
    insert however many: the same entries the `accessed` signal writes one by one."""
    children = list(children)
    if not children:
        return
    request = auditlog_value.get({})  # where AuditlogMiddleware keeps the request's address
    content_type = ContentType.objects.get_for_model(Child)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(child.pk),
            object_id=child.pk,
            object_repr=str(child),
            action=LogEntry.Action.ACCESS,
            actor=user,
            actor_email=user.email,
            remote_addr=request.get("remote_addr"),
            remote_port=request.get("remote_port"),
            cid=get_cid(),
        )
        for child in children
    )


def role_in(user: User, home: Home) -> str | None:
    """The person's role in this home, or None."""
    return Membership.objects.filter(user=user, home=home).values_list("role", flat=True).first()


def can_manage_home(user: User, home: Home) -> bool:
    """Admit and discharge children and edit their details: managers of the home and administrators.

    Deputy managers count as managers: they run the home when the registered manager is away.
    """
    if user.is_administrator:
        return True
    return role_in(user, home) in Membership.MANAGING_ROLES


def can_admit(user: User, home: Home) -> bool:
    return can_manage_home(user, home)


def can_edit_child(user: User, child: Child) -> bool:
    # Discharged children's records stay correctable: the record outlives the placement.
    return can_manage_home(user, child.home)


def can_discharge(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home)


def can_view_history(user: User, child: Child) -> bool:
    """Change and access history: the home's managers, administrators and clinical leads."""
    return user.is_clinical_lead or can_manage_home(user, child.home)


def can_view_system_status(user: User) -> bool:
    """The status page (database, broker, workers, beat, queues): provider administrators, who
    run Hearth. It holds no child's record, but says how the system is built; others get 404."""
    return user.is_authenticated and user.is_active and user.is_administrator


def require(allowed: bool) -> None:
    """Turn a `can_*` answer into a 403 for a record the person can already see."""
    if not allowed:
        raise PermissionDenied


# Key working, daily care and provision


def can_log_daily_work(user: User, child: Child) -> bool:
    """Log key working and activities and fill in provision registers: the care staff, deputies
    and managers of the child's home (the people who do the work). Assessors and provider-wide
    roles read these records but do not write them."""
    return role_in(user, child.home) in Membership.KEY_WORKER_ROLES


def key_children_of(user: User) -> QuerySet[Child]:
    """The children in placement whose key worker the person is, in homes where they may still
    log daily work (can_log_daily_work holds for every one): the care worker's dashboard list."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    logs_in = Membership.objects.filter(user=user, role__in=Membership.KEY_WORKER_ROLES).values("home_id")
    return Child.objects.in_placement().filter(key_worker=user, home_id__in=logs_in)


def homes_overseen_on_dashboard(user: User) -> QuerySet[Home]:
    """The homes whose overdue work the person is shown first (homes.extensions.OVERSIGHT
    panels): those they run or assess in, every home for administrators and clinical leads."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.sees_all_homes:
        return Home.objects.all()
    roles = {*Membership.MANAGING_ROLES, Membership.Role.ASSESSOR}
    return Home.objects.filter(memberships__user=user, memberships__role__in=roles)


def can_edit_key_working(user: User, session: KeyWorkingSession, now=None) -> bool:
    """Its author, inside the correction window; after that it can only be amended."""
    return session.author_id == user.pk and session.is_editable(now) and can_log_daily_work(user, session.child)


def can_amend_key_working(user: User, session: KeyWorkingSession) -> bool:
    """Its author, or a manager or deputy of the child's home, with a reason."""
    if not can_log_daily_work(user, session.child):
        return False
    return session.author_id == user.pk or role_in(user, session.child.home) in Membership.MANAGING_ROLES


def can_arrange_provision(user: User, child: Child) -> bool:
    """Set up or change the education and therapy sourced for a child: the home's managers."""
    return role_in(user, child.home) in Membership.MANAGING_ROLES


def archivable_activities(user: User, child: Child, activities: Iterable[Activity], now=None) -> set[int]:
    """Which of these quick entries the person may take back (archive, never delete): their
    own within a day of recording them, or any as a manager or deputy of the child's home.
    One query, for the whole list."""
    role = role_in(user, child.home)
    if role not in Membership.KEY_WORKER_ROLES:
        return set()
    if role in Membership.MANAGING_ROLES:
        return {activity.pk for activity in activities}
    return {a.pk for a in activities if a.recorded_by_id == user.pk and a.recently_recorded(now)}


def can_archive_activity(user: User, activity: Activity, now=None) -> bool:
    return activity.pk in archivable_activities(user, activity.child, [activity], now)


# Care plans and risk assessments
#
# Everyone who can read the child reads their plans and risk assessments (care staff read
# them before a shift). Managers, deputies and assessors draft and edit them; only managers
# (and administrators) sign them off, which makes a version the one the team works to.


def can_edit_plans(user: User, child: Child) -> bool:
    """Start, revise and edit drafts of the child's care plan and risk assessment."""
    if user.is_clinical_lead or child.assessor_id == user.pk or can_manage_home(user, child.home):
        return True
    return role_in(user, child.home) == Membership.Role.ASSESSOR


def can_sign_off_plans(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home)


def homes_signing_off_plans(user: User) -> QuerySet[Home]:
    """The homes where can_sign_off_plans holds for every child, in one query (for the dashboard)."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.is_administrator:
        return Home.objects.all()
    return Home.objects.filter(memberships__user=user, memberships__role__in=Membership.MANAGING_ROLES)


# Assessments
# Brain-map assessments, developmental histories and adverse childhood experiences: entered by
# the child's assigned assessor, any assessor of the child's home, clinical leads and
# administrators; read by everyone else who reaches the child (the home's managers and care
# staff). Querysets come through for_children(user, Assessment.objects..., via="child").


def can_assess(user: User, child: Child) -> bool:
    """Enter, finalise and correct the child's assessments, history and ACEs."""
    if user.is_administrator or user.is_clinical_lead:
        return True
    if child.assessor_id is not None and child.assessor_id == user.pk:
        return True
    return role_in(user, child.home) == Membership.Role.ASSESSOR


def can_set_assessment_interval(user: User, home: Home) -> bool:
    """How often the home's children are re-assessed: the home's managers and administrators."""
    return can_manage_home(user, home)


def homes_setting_assessment_interval(user: User) -> QuerySet[Home]:
    """The homes where can_set_assessment_interval holds, in one query (for lists)."""
    if user.is_administrator:
        return Home.objects.all()
    return Home.objects.filter(memberships__user=user, memberships__role__in=Membership.MANAGING_ROLES)


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


def _managed_home_ids(user: User) -> QuerySet:
    return Membership.objects.filter(user=user, role__in=Membership.MANAGING_ROLES).values("home_id")


def can_oversee_staff(user: User, home: Home) -> bool:
    """See a home's supervision compliance, training matrix and wellbeing aggregates: the
    home's managers and deputies, administrators and clinical leads."""
    return user.sees_all_homes or role_in(user, home) in Membership.MANAGING_ROLES


def homes_overseen_by(user: User) -> QuerySet[Home]:
    """The homes where can_oversee_staff holds, in one query (for lists and dashboard panels)."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.sees_all_homes:
        return Home.objects.all()
    return Home.objects.filter(pk__in=_managed_home_ids(user))


def staff_of(home: Home) -> QuerySet[User]:
    """Everyone working at the home (assessors included): who may be supervised or trained there."""
    return User.objects.filter(memberships__home=home, is_active=True).distinct()


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
        Q(supervisor=user) | Q(attendances__person=user) | Q(home_id__in=_managed_home_ids(user))
    ).distinct()


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
    return Q(supervisor=user) | Q(attendances__person=user)


def can_supervise_in(user: User, home: Home) -> bool:
    """Record a session in a home: its managers, deputies and assessors, and clinical leads."""
    return user.is_clinical_lead or role_in(user, home) in SUPERVISOR_ROLES


def homes_supervised_in(user: User) -> QuerySet[Home]:
    """The homes where can_supervise_in holds, in one query."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    if user.is_clinical_lead:
        return Home.objects.all()
    return Home.objects.filter(memberships__user=user, memberships__role__in=SUPERVISOR_ROLES)


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
    return User.objects.filter(Q(pk=user.pk) | Q(memberships__home_id__in=_managed_home_ids(user))).distinct()


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
        Q(memberships__home=home, memberships__role__in=SUPERVISOR_ROLES)
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


# Monthly review
# The month's tracker is prepared and the meeting recorded by the home's managers and the
# child's assessor; care staff read the tracker (they live the month with the child). The
# PDFs leave Hearth, so only those who hold the review (and clinical leads) download them.


def can_write_tracker(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home) or (child.assessor_id is not None and child.assessor_id == user.pk)


def can_sign_review(user: User, meeting) -> bool:
    """Only the two people recorded at the meeting sign its record, each for themselves."""
    return user.pk in {meeting.manager_id, meeting.assessor_id}


def can_download_review_reports(user: User, child: Child) -> bool:
    return user.is_clinical_lead or can_write_tracker(user, child)


def can_review_home(user: User, home: Home) -> bool:
    """The home's month of reviews (every child's tracker and PDFs): its managers, the home's
    assessors, administrators and clinical leads."""
    return user.is_clinical_lead or can_manage_home(user, home) or role_in(user, home) == Membership.Role.ASSESSOR


def can_manage_evidence(user: User, home: Home) -> bool:
    """Evidence packs for inspectors: the home's managers and administrators build and share them."""
    return can_manage_home(user, home)


def for_homes(user: User, queryset: QuerySet, *, via: str = "home") -> QuerySet:
    """Restrict any queryset of home-linked records (evidence packs...) to the person's homes."""
    return queryset.filter(**{f"{via}__in": homes_for(user)})
