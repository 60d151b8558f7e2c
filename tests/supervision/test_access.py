"""The staff-record rules in homes/access.py, one by one."""

import pytest

from homes import access
from homes.models import Membership
from supervision.models import SupervisionSession, TrainingRecord
from tests.factories import member
from tests.supervision.factories import (
    SupervisionArrangementFactory,
    make_session,
    make_training,
    staff_member,
    today,
)


def test_sessions_for_each_person(home, other_home, session, supervisor, supervisee, colleague, manager, deputy):
    elsewhere = make_session(
        home=other_home,
        supervisor=staff_member(other_home, Membership.Role.MANAGER),
        attendees=[staff_member(other_home)],
    )
    assert set(access.supervision_sessions_for(supervisor)) == {session}
    assert set(access.supervision_sessions_for(supervisee)) == {session}
    assert set(access.supervision_sessions_for(manager)) == {session}  # the home's sessions
    assert set(access.supervision_sessions_for(deputy)) == {session}
    assert not access.supervision_sessions_for(colleague).exists()
    assert not access.supervision_sessions_for(member(home, Membership.Role.ASSESSOR)).exists()
    assert elsewhere not in access.supervision_sessions_for(manager)


def test_administrators_and_leads_know_of_every_session(session, administrator, clinical_lead):
    assert session in access.supervision_sessions_for(administrator)
    assert session in access.supervision_sessions_for(clinical_lead)


def test_inactive_and_anonymous_people_get_nothing(session, supervisee):
    from django.contrib.auth.models import AnonymousUser

    assert not access.supervision_sessions_for(AnonymousUser()).exists()
    supervisee.is_active = False
    supervisee.save()
    assert not access.supervision_sessions_for(supervisee).exists()


def test_only_the_supervisor_edits_and_only_before_signing(session, supervisor, supervisee, clinical_lead):
    session = access.get_supervision_session_for(supervisor, session.pk)
    assert access.can_edit_supervision(supervisor, session)
    assert not access.can_edit_supervision(supervisee, session)
    assert not access.can_edit_supervision(clinical_lead, session)
    session.attendances.update(signed_at=session.created_at)
    session = access.get_supervision_session_for(supervisor, session.pk)
    assert not access.can_edit_supervision(supervisor, session)


def test_who_signs(session, supervisor, supervisee, manager):
    session = access.get_supervision_session_for(supervisor, session.pk)
    assert access.can_sign_supervision(supervisor, session)
    assert access.can_sign_supervision(supervisee, session)
    assert not access.can_sign_supervision(manager, session)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Membership.Role.MANAGER, True),
        (Membership.Role.DEPUTY_MANAGER, True),
        (Membership.Role.ASSESSOR, True),
        (Membership.Role.CARE_STAFF, False),
    ],
)
def test_who_supervises(home, role, allowed):
    assert access.can_supervise_in(member(home, role), home) is allowed


def test_who_oversees_a_homes_staff(home, other_home, manager, deputy, staff, clinical_lead, administrator):
    assert access.can_oversee_staff(manager, home) and access.can_oversee_staff(deputy, home)
    assert access.can_oversee_staff(clinical_lead, home) and access.can_oversee_staff(administrator, home)
    assert not access.can_oversee_staff(staff, home)
    assert not access.can_oversee_staff(manager, other_home)


def test_training_records_are_private_by_default(home, other_home, manager, staff, colleague, administrator):
    mine = make_training(staff, "Safeguarding children", today())
    theirs = make_training(colleague, "Safeguarding children", today())
    elsewhere = make_training(staff_member(other_home), "Safeguarding children", today())
    assert set(access.training_records_for(staff)) == {mine}
    assert set(access.training_records_for(manager)) == {mine, theirs}
    assert set(access.training_records_for(administrator)) == set(TrainingRecord.objects.all())
    assert elsewhere not in access.training_records_for(manager)


def test_who_records_training_for_whom(home, other_home, manager, staff, colleague, administrator):
    assert access.can_record_training(staff, staff)
    assert not access.can_record_training(staff, colleague)
    assert access.can_record_training(manager, colleague)
    assert not access.can_record_training(manager, staff_member(other_home))
    assert access.can_record_training(administrator, colleague)


def test_a_persons_supervisor_is_named_not_inferred_from_sessions(home, supervisee, supervisor):
    """Giving sessions, individual or group, signed or not, never makes someone a supervisor."""
    manager = staff_member(home, Membership.Role.MANAGER)
    make_session(home=home, supervisor=manager, attendees=[supervisee], held_on=today(), signed=True)
    facilitator = staff_member(home, Membership.Role.ASSESSOR)
    make_session(
        home=home,
        supervisor=facilitator,
        attendees=[supervisee, staff_member(home)],
        kind=SupervisionSession.Kind.PEER_SUPPORT,
        coping_rating=None,
        held_on=today(),
    )
    assert not access.supervisees_of(manager).exists()
    assert not access.supervisees_of(facilitator).exists()
    SupervisionArrangementFactory(person=supervisee, supervisor=supervisor, home=home)
    assert list(access.supervisees_of(supervisor)) == [supervisee]


def test_the_homes_each_person_supervises_in(
    home, other_home, manager, deputy, staff, assessor, clinical_lead, administrator
):
    assert set(access.homes_supervised_in(assessor)) == {home} == set(access.homes_supervised_in(deputy))
    assert set(access.homes_supervised_in(clinical_lead)) == {home, other_home}
    assert not access.homes_supervised_in(staff).exists() and not access.homes_supervised_in(administrator).exists()
    # The lists agree with the predicates they stand for.
    for user in (manager, deputy, staff, assessor, clinical_lead, administrator):
        for place in (home, other_home):
            assert access.homes_supervised_in(user).filter(pk=place.pk).exists() is access.can_supervise_in(user, place)


def test_whose_training_each_person_records(home, manager, deputy, staff, colleague, clinical_lead, administrator):
    everyone = set(access.staff_of(home))
    assert set(access.staff_trainable_by(manager, home)) == everyone == set(access.staff_trainable_by(deputy, home))
    assert set(access.staff_trainable_by(administrator, home)) == everyone
    assert set(access.staff_trainable_by(staff, home)) == {staff}
    assert not access.staff_trainable_by(clinical_lead, home).exists()
    assert not access.can_record_training(clinical_lead, colleague)
