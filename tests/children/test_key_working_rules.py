"""The rules of a key-working entry: signed and dated, not in the future, staff of the home,
editable by its author for 24 hours, then only amended with a reason that keeps the original."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from children.models import KeyWorkingSession, records
from children.models import key_working as models
from children.services import key_working as services
from homes import access
from homes.models import Membership
from tests.children.factories import KeyWorkingSessionFactory
from tests.factories import member


@pytest.fixture
def moment() -> datetime.datetime:
    """A fixed moment, recent enough to fall inside the test child's placement (taken when the
    test runs, not when the module is imported)."""
    return (timezone.now() - datetime.timedelta(days=5)).replace(microsecond=0)


def details(staff, **overrides) -> dict:
    values = {
        "staff_member": staff,
        "happened_at": timezone.now() - datetime.timedelta(hours=1),
        "duration_minutes": 30,
        "topic": "Feelings about family time",
        "child_voice": "I want to see my nan more than once a month.",
        "notes": "",
        "regulation_before": KeyWorkingSession.Regulation.HARD_TIME,
        "regulation_after": KeyWorkingSession.Regulation.MOSTLY_SETTLED,
        "follow_ups": "Ask the social worker about an extra visit.",
    }
    values.update(overrides)
    return values


def test_logging_signs_the_entry_with_author_and_time(child, staff, moment):
    session = services.key_working_log(child=child, author=staff, now=moment, **details(staff))
    assert session.author == staff
    assert session.signed_at == moment


def test_a_session_in_the_future_is_refused_with_a_clear_message(child, staff):
    with pytest.raises(ValidationError) as error:
        services.key_working_log(
            child=child, author=staff, **details(staff, happened_at=timezone.now() + datetime.timedelta(minutes=5))
        )
    assert error.value.message_dict["happened_at"] == [models.KEY_WORKING_IN_FUTURE]


def test_a_session_before_admission_is_refused(child, staff):
    before = timezone.make_aware(datetime.datetime.combine(child.admission_date, datetime.time(12)))
    with pytest.raises(ValidationError) as error:
        services.key_working_log(
            child=child, author=staff, **details(staff, happened_at=before - datetime.timedelta(days=1))
        )
    assert "before Siobhán came to live at the home" in error.value.message_dict["happened_at"][0]


def test_the_staff_member_must_work_at_the_childs_home(child, staff, other_manager):
    with pytest.raises(ValidationError) as error:
        services.key_working_log(child=child, author=staff, **details(other_manager))
    assert error.value.message_dict["staff_member"] == [models.STAFF_NOT_IN_HOME.format(child="Siobhán")]


def test_a_visiting_assessor_is_not_staff_of_the_home(child, staff, assessor):
    with pytest.raises(ValidationError):
        services.key_working_log(child=child, author=staff, **details(assessor))


@pytest.mark.parametrize("minutes", [0, records.MAX_DURATION_MINUTES + 1])
def test_the_length_must_be_sensible(child, staff, minutes):
    with pytest.raises(ValidationError) as error:
        services.key_working_log(child=child, author=staff, **details(staff, duration_minutes=minutes))
    assert error.value.message_dict["duration_minutes"] == [records.DURATION_OUT_OF_RANGE]


# --- the 24-hour window, with a fixed clock --------------------------------------------------


@pytest.fixture
def signed(child, staff, moment):
    return KeyWorkingSessionFactory(
        child=child,
        staff_member=staff,
        author=staff,
        happened_at=moment - datetime.timedelta(hours=1),
        signed_at=moment,
    )


def test_the_author_edits_just_inside_24_hours(signed, staff, moment):
    just_inside = moment + models.EDIT_WINDOW - datetime.timedelta(seconds=1)
    assert access.can_edit_key_working(staff, signed, now=just_inside)
    services.key_working_edit(session=signed, editor=staff, now=just_inside, topic="Family time")
    signed.refresh_from_db()
    assert signed.topic == "Family time"


def test_at_24_hours_the_entry_can_no_longer_be_edited(signed, staff, moment):
    at_limit = moment + models.EDIT_WINDOW
    assert not access.can_edit_key_working(staff, signed, now=at_limit)
    with pytest.raises(ValidationError) as error:
        services.key_working_edit(session=signed, editor=staff, now=at_limit, topic="Family time")
    assert error.value.messages == [services.EDIT_WINDOW_CLOSED]
    signed.refresh_from_db()
    assert signed.topic != "Family time"


def test_the_window_follows_the_real_clock_too(signed, staff, monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment + datetime.timedelta(hours=23, minutes=59))
    assert signed.is_editable()
    monkeypatch.setattr(timezone, "now", lambda: moment + datetime.timedelta(hours=24, minutes=1))
    assert not signed.is_editable()


def test_only_the_author_edits(signed, manager, moment):
    assert not access.can_edit_key_working(manager, signed, now=moment)
    with pytest.raises(PermissionDenied):
        services.key_working_edit(session=signed, editor=manager, now=moment, topic="Changed")


# --- amendments ------------------------------------------------------------------------------


def test_an_amendment_keeps_the_original_and_records_why_who_and_when(signed, staff, moment):
    original_voice = signed.child_voice
    later = moment + datetime.timedelta(days=3)
    amendment = services.key_working_amend(
        session=signed,
        amended_by=staff,
        reason="I wrote down the wrong words",
        now=later,
        child_voice="I hate Mondays, everyone shouts.",
    )
    signed.refresh_from_db()
    assert signed.child_voice == "I hate Mondays, everyone shouts."
    assert amendment.previous_values["child_voice"] == original_voice
    assert amendment.changed_fields == ["child_voice"]
    assert (amendment.amended_by, amendment.amended_at, amendment.reason) == (
        staff,
        later,
        "I wrote down the wrong words",
    )
    assert signed.author == staff and signed.signed_at == moment  # the signature is the original author's


def test_an_amendment_needs_a_reason(signed, staff):
    with pytest.raises(ValidationError) as error:
        services.key_working_amend(session=signed, amended_by=staff, reason="  ", topic="Changed")
    assert error.value.message_dict["reason"] == [services.AMENDMENT_NEEDS_REASON]
    assert not signed.amendments.exists()


def test_an_amendment_must_change_something(signed, staff):
    with pytest.raises(ValidationError) as error:
        services.key_working_amend(session=signed, amended_by=staff, reason="Checking", topic=signed.topic)
    assert error.value.messages == [services.AMENDMENT_CHANGES_NOTHING]


def test_an_amendment_cannot_move_the_session_into_the_future(signed, staff):
    with pytest.raises(ValidationError):
        services.key_working_amend(
            session=signed,
            amended_by=staff,
            reason="Wrong day",
            happened_at=timezone.now() + datetime.timedelta(days=1),
        )
    assert not signed.amendments.exists()


def test_the_versions_show_the_original_and_each_change_in_order(signed, staff, manager):
    services.key_working_amend(session=signed, amended_by=staff, reason="Typo", topic="Second")
    services.key_working_amend(
        session=signed, amended_by=manager, reason="Wrong level", topic="Third", regulation_after=5
    )
    signed = KeyWorkingSession.objects.prefetch_related("amendments__amended_by").get(pk=signed.pk)
    original, amendments = services.key_working_versions(signed)
    assert original["topic"].value == "Settling into the new school week"
    assert original["staff_member"].value == staff.full_name
    assert amendments[0].changes == [("Topic", "Settling into the new school week", "Second")]
    assert amendments[1].changes == [
        ("Topic", "Second", "Third"),
        ("How regulated after", "4 · Mostly settled", "5 · Calm and connected"),
    ]


@pytest.mark.parametrize(
    ("role", "is_author", "may_amend"),
    [
        (Membership.Role.CARE_STAFF, True, True),
        (Membership.Role.CARE_STAFF, False, False),
        (Membership.Role.MANAGER, False, True),
        (Membership.Role.DEPUTY_MANAGER, False, True),
        (Membership.Role.ASSESSOR, False, False),
    ],
)
def test_who_may_amend(child, home, role, is_author, may_amend):
    person = member(home, role)
    author = person if is_author else child.key_worker
    session = KeyWorkingSessionFactory(child=child, staff_member=child.key_worker, author=author)
    assert access.can_amend_key_working(person, session) is may_amend


def test_sessions_and_amendments_are_in_the_change_history(signed, staff):
    amendment = services.key_working_amend(session=signed, amended_by=staff, reason="Typo", topic="Fixed")
    assert LogEntry.objects.get_for_object(signed).filter(action=LogEntry.Action.UPDATE).exists()
    assert LogEntry.objects.get_for_object(amendment).filter(action=LogEntry.Action.CREATE).exists()
