import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from homes.models import Membership
from supervision.models import Attendance, SupervisionSession
from supervision.models import session as session_models
from supervision.services import session as services
from tests.factories import member
from tests.supervision.factories import make_action, make_session, staff_member, today


def record(home, supervisor, attendees, **overrides):
    details = {
        "kind": SupervisionSession.Kind.INDIVIDUAL,
        "held_on": today() - datetime.timedelta(days=1),
        "duration_minutes": 60,
        "themes": ["workload"],
        "coping_rating": 4,
        "notes": "Notes",
        "next_on": today() + datetime.timedelta(days=27),
    }
    details.update(overrides)
    return services.supervision_session_record(
        home=home, supervisor=supervisor, attendees=attendees, recorded_by=supervisor, **details
    )


def messages_of(error: ValidationError) -> list[str]:
    return error.messages


def test_supervisor_records_an_individual_session(home, supervisor, supervisee):
    session = record(home, supervisor, [supervisee])
    assert list(session.attendees.all()) == [supervisee]
    assert session.recorded_by == supervisor
    assert not session.is_locked


@pytest.mark.parametrize("role", [Membership.Role.MANAGER, Membership.Role.DEPUTY_MANAGER, Membership.Role.ASSESSOR])
def test_managers_deputies_and_assessors_may_supervise(home, supervisee, role):
    assert record(home, member(home, role), [supervisee]).pk


def test_a_clinical_lead_may_supervise_without_a_membership(home, supervisee, clinical_lead):
    assert record(home, clinical_lead, [supervisee]).pk


@pytest.mark.parametrize("who", ["care_staff", "other_home_manager", "administrator"])
def test_others_may_not_supervise(home, other_home, supervisee, administrator, who):
    supervisor = {
        "care_staff": lambda: member(home),
        "other_home_manager": lambda: member(other_home, Membership.Role.MANAGER),
        "administrator": lambda: administrator,
    }[who]()
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisee])
    assert services.SUPERVISOR_NOT_ALLOWED in messages_of(error.value)


def test_individual_session_has_exactly_one_supervisee(home, supervisor, supervisee, colleague):
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisee, colleague])
    assert services.INDIVIDUAL_NEEDS_ONE in messages_of(error.value)


def test_group_needs_two_attendees_and_no_coping_rating(home, supervisor, supervisee, colleague):
    group = SupervisionSession.Kind.REFLECTIVE_PRACTICE
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisee], kind=group, coping_rating=None)
    assert services.GROUP_NEEDS_TWO in messages_of(error.value)
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisee, colleague], kind=group)
    assert session_models.COPING_ONLY_INDIVIDUAL in messages_of(error.value)
    session = record(home, supervisor, [supervisee, colleague], kind=group, coping_rating=None)
    assert set(session.attendees.all()) == {supervisee, colleague}


def test_attendees_must_work_at_the_home(home, other_home, supervisor):
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [member(other_home)])
    assert services.ATTENDEE_NOT_IN_HOME in messages_of(error.value)


def test_supervisor_cannot_supervise_themselves(home, supervisor):
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisor])
    assert services.SUPERVISOR_ATTENDING in messages_of(error.value)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": today() + datetime.timedelta(days=1), "next_on": None}, session_models.SESSION_IN_FUTURE),
        ({"next_on": today() - datetime.timedelta(days=1)}, session_models.NEXT_BEFORE_SESSION),
        ({"duration_minutes": 600}, session_models.DURATION_RANGE),
        ({"themes": ["gossip"]}, session_models.UNKNOWN_THEME),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(home, supervisor, supervisee, overrides, message):
    with pytest.raises(ValidationError) as error:
        record(home, supervisor, [supervisee], **overrides)
    assert message in messages_of(error.value)
    assert not SupervisionSession.objects.exists()


def test_both_sign_and_a_signature_is_who_and_when(session, supervisor, supervisee):
    services.supervision_session_sign(session=session, user=supervisor)
    session.refresh_from_db()
    assert session.supervisor_signed_at is not None
    assert not session.is_fully_signed
    services.supervision_session_sign(session=session, user=supervisee)
    attendance = session.attendances.get()
    assert attendance.person == supervisee and attendance.signed_at is not None
    assert session.is_fully_signed


def test_no_one_else_can_sign(session, colleague, supervisee):
    with pytest.raises(PermissionDenied):
        services.supervision_session_sign(session=session, user=colleague)
    services.supervision_session_sign(session=session, user=supervisee)
    with pytest.raises(PermissionDenied):  # not twice
        services.supervision_session_sign(session=session, user=supervisee)


def test_a_signed_record_is_read_only(session, supervisor, supervisee):
    services.supervision_session_sign(session=session, user=supervisee)
    session.refresh_from_db()
    assert session.is_locked
    with pytest.raises(ValidationError, match=services.SESSION_LOCKED):
        services.supervision_session_update(session=session, attendees=[supervisee], notes="Changed afterwards")
    with pytest.raises(ValidationError, match=services.SESSION_LOCKED):
        services.supervision_action_add(session=session, description="x", owner=supervisee, due_on=today())
    session.refresh_from_db()
    assert session.notes != "Changed afterwards"


def test_update_changes_attendees_before_signing(home, supervisor, supervisee, colleague):
    session = make_session(
        home=home, supervisor=supervisor, attendees=[supervisee], kind=SupervisionSession.Kind.PEER_SUPPORT
    )
    services.supervision_session_update(session=session, attendees=[supervisee, colleague], coping_rating=None)
    assert set(session.attendees.all()) == {supervisee, colleague}


def test_action_owner_must_have_been_there(session, supervisee, colleague):
    with pytest.raises(ValidationError) as error:
        services.supervision_action_add(session=session, description="Read", owner=colleague, due_on=today())
    assert session_models.ACTION_OWNER_NOT_PRESENT in messages_of(error.value)
    action = services.supervision_action_add(session=session, description="Read", owner=supervisee, due_on=today())
    assert action.done_on is None


def test_actions_are_tracked_to_done(session, supervisee):
    action = make_action(session, supervisee, due_on=today() - datetime.timedelta(days=1))
    assert action.is_overdue
    services.supervision_action_complete(action=action)
    assert action.done_on == today() and not action.is_overdue
    with pytest.raises(ValidationError, match=services.ALREADY_DONE):
        services.supervision_action_complete(action=action)


def test_groups_count_for_every_attendee(home, supervisor, supervisee, colleague):
    group = make_session(
        home=home,
        supervisor=supervisor,
        attendees=[supervisee, colleague],
        kind=SupervisionSession.Kind.REFLECTIVE_PRACTICE,
        coping_rating=None,
    )
    assert set(colleague.supervisions_received.all()) == {group}
    assert set(supervisee.supervisions_received.all()) == {group}


def test_staff_member_helper_sets_start_date(home):
    person = staff_member(home, days_in_post=10)
    assert Membership.objects.get(user=person).started_on == today() - datetime.timedelta(days=10)


def test_who_was_supervised_reaches_the_change_history(home, supervisor, supervisee, colleague):
    """Review finding 6: bulk_create sent no signals, so attendances were never logged."""

    def logged(action):
        return set(
            LogEntry.objects.get_for_model(Attendance).filter(action=action).values_list("object_repr", flat=True)
        )

    group = record(
        home, supervisor, [supervisee, colleague], kind=SupervisionSession.Kind.PEER_SUPPORT, coping_rating=None
    )
    assert len(logged(LogEntry.Action.CREATE)) == 2
    newcomer = staff_member(home, full_name="Beth Carter")
    services.supervision_session_update(session=group, attendees=[supervisee, newcomer])
    created, deleted = logged(LogEntry.Action.CREATE), logged(LogEntry.Action.DELETE)
    assert len(created) == 3 and any("Beth Carter" in text for text in created)
    assert len(deleted) == 1 and "Ffion Jones" in next(iter(deleted))
