"""Who supervises whom is named by the home's registered manager, never inferred from who recorded
a session: the supervisor reads the person's wellbeing notes, and only from the day they began."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.models import Membership
from supervision.models import SupervisionArrangement, WellbeingCheckIn
from supervision.models.arrangement import SUPERVISOR_IS_PERSON
from supervision.services.arrangement import (
    ALREADY_SUPERVISES,
    PERSON_NOT_IN_HOME,
    STARTS_BEFORE_CURRENT,
    SUPERVISOR_NOT_ALLOWED,
    supervision_arrangement_end,
    supervision_arrangement_set,
)
from tests.supervision.factories import SupervisionArrangementFactory, staff_member

EARLIER_NOTE = "I have been thinking about leaving since the restraint last month"


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def check_in(person, home, *, days, note="A note"):
    recorded_at = timezone.now() - datetime.timedelta(days=days)
    return WellbeingCheckIn.objects.create(
        person=person, home=home, score=2, private_note=note, recorded_at=recorded_at
    )


@pytest.fixture
def arranged(home, supervisor, supervisee):
    """Tom has supervised Jess since 20 days ago."""
    return SupervisionArrangementFactory(person=supervisee, supervisor=supervisor, home=home, since=days_ago(20))


def test_recording_a_session_does_not_make_someone_a_supervisor(client_for, home, supervisor, assessor):
    """The reviewer's route: an assessor records one unsigned session with the deputy."""
    real = staff_member(home, Membership.Role.MANAGER, full_name="Grace Okafor")
    SupervisionArrangementFactory(person=supervisor, supervisor=real, home=home)
    check_in(supervisor, home, days=3, note=EARLIER_NOTE)
    yesterday = days_ago(1).isoformat()
    response = client_for(assessor).post(
        reverse("supervision_record", args=[home.pk]),
        {"kind": "individual", "held_on": yesterday, "duration_minutes": 30, "attendees": [supervisor.pk]},
    )
    assert response.status_code == 302
    assert not access.wellbeing_checkins_for(assessor).exists()
    assert EARLIER_NOTE not in client_for(assessor).get(reverse("my_supervision")).text
    # The real supervisor keeps access.
    assert EARLIER_NOTE in client_for(real).get(reverse("my_supervision")).text


def test_a_supervisor_reads_only_check_ins_since_the_arrangement_began(arranged, home, supervisor, supervisee):
    before = check_in(supervisee, home, days=25, note=EARLIER_NOTE)
    since = check_in(supervisee, home, days=5)
    readable = set(access.wellbeing_checkins_for(supervisor))
    assert since in readable and before not in readable
    assert set(access.wellbeing_checkins_for(supervisee)) == {before, since}  # their own, always


def test_a_new_supervisor_takes_over_from_the_day_named(arranged, home, supervisor, supervisee, manager):
    old_note = check_in(supervisee, home, days=10)
    supervision_arrangement_set(home=home, person=supervisee, supervisor=manager, since=days_ago(2), set_by=manager)
    arranged.refresh_from_db()
    assert arranged.until == days_ago(2)
    assert not access.wellbeing_checkins_for(supervisor).exists()
    assert old_note not in access.wellbeing_checkins_for(manager)
    new_note = check_in(supervisee, home, days=1)
    assert list(access.wellbeing_checkins_for(manager).exclude(person=manager)) == [new_note]
    assert list(access.supervisees_of(manager)) == [supervisee]


def test_an_ended_arrangement_gives_no_access(arranged, home, supervisor, supervisee):
    check_in(supervisee, home, days=1)
    supervision_arrangement_end(arrangement=arranged)
    assert not access.wellbeing_checkins_for(supervisor).exists()
    assert not access.supervisees_of(supervisor).exists()


def test_check_ins_at_another_home_stay_private(arranged, home, other_home, supervisor, supervisee):
    Membership.objects.create(user=supervisee, home=other_home, role=Membership.Role.CARE_STAFF)
    check_in(supervisee, other_home, days=1)
    assert not access.wellbeing_checkins_for(supervisor).exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"person": "outsider"}, "person", PERSON_NOT_IN_HOME),
        ({"supervisor": "colleague"}, "supervisor", SUPERVISOR_NOT_ALLOWED),
        ({"supervisor": "supervisor"}, "supervisor", ALREADY_SUPERVISES),
        ({"since": 30}, "since", STARTS_BEFORE_CURRENT.format(since=days_ago(20))),
    ],
)
def test_setting_refuses(
    arranged, home, other_home, supervisor, supervisee, colleague, manager, change, field, message
):
    people = {"outsider": staff_member(other_home), "colleague": colleague, "supervisor": supervisor}
    values = {"person": supervisee, "supervisor": manager, "since": days_ago(1)}
    for key, value in change.items():
        values[key] = days_ago(value) if key == "since" else people[value]
    with pytest.raises(ValidationError) as error:
        supervision_arrangement_set(home=home, set_by=manager, **values)
    assert message in error.value.message_dict[field]
    assert SupervisionArrangement.objects.get(until=None) == arranged  # nothing changed


def test_nobody_supervises_themselves(home, manager):
    with pytest.raises(ValidationError) as error:
        supervision_arrangement_set(home=home, person=manager, supervisor=manager, since=days_ago(1), set_by=manager)
    assert SUPERVISOR_IS_PERSON in error.value.message_dict["supervisor"]


def test_arrangements_are_in_the_change_history(arranged):
    assert LogEntry.objects.get_for_object(arranged).count() == 1


# --- the page ----------------------------------------------------------------------------


def arrange_form(person, supervisor, since=None) -> dict:
    return {"person": person.pk, "supervisor": supervisor.pk, "since": (since or days_ago(0)).isoformat()}


def test_the_manager_names_a_supervisor(client_for, home, manager, supervisor, supervisee):
    url = reverse("supervision_arrangements", args=[home.pk])
    response = client_for(manager).post(url, arrange_form(supervisee, supervisor))
    assert response.status_code == 302 and response.url == url
    arrangement = SupervisionArrangement.objects.get()
    assert (arrangement.person, arrangement.supervisor, arrangement.set_by) == (supervisee, supervisor, manager)
    page = client_for(manager).get(url).text
    assert "Jess Whitfield" in page and "Tom Hughes" in page


def test_the_page_shows_errors(client_for, home, manager, supervisee, colleague):
    response = client_for(manager).post(
        reverse("supervision_arrangements", args=[home.pk]), arrange_form(supervisee, colleague)
    )
    assert response.status_code == 200
    assert not SupervisionArrangement.objects.exists()


def test_arrangements_persona_matrix(
    client_for, home, manager, supervisor, supervisee, staff, clinical_lead, administrator, other_manager
):
    url = reverse("supervision_arrangements", args=[home.pk])
    form = arrange_form(supervisee, supervisor)
    for reader in (manager, supervisor, clinical_lead, administrator):  # supervisor is the deputy
        assert client_for(reader).get(url).status_code == 200
    # Deputies and clinical leads see the arrangements but do not name supervisors.
    assert client_for(supervisor).post(url, form).status_code == 403
    assert client_for(clinical_lead).post(url, form).status_code == 403
    assert client_for(staff).get(url).status_code == 403
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).put(url).status_code == 405
    assert not SupervisionArrangement.objects.exists()
    assert client_for(administrator).post(url, form).status_code == 302
    assert SupervisionArrangement.objects.get().supervisor == supervisor


def test_end_persona_matrix(client_for, arranged, manager, supervisor, other_manager):
    url = reverse("supervision_arrangement_end", args=[arranged.pk])
    assert client_for(manager).get(url).status_code == 405
    assert client_for(other_manager).post(url).status_code == 404
    assert client_for(supervisor).post(url).status_code == 403
    assert client_for(manager).post(url).status_code == 302
    arranged.refresh_from_db()
    assert arranged.until == timezone.localdate()


def test_the_page_does_not_grow_queries_with_staff(client_for, home, manager, supervisor):
    url = reverse("supervision_arrangements", args=[home.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client_for(manager).get(url).status_code == 200
        return len(queries)

    SupervisionArrangementFactory(person=staff_member(home), supervisor=supervisor, home=home)
    few = count()
    for _ in range(4):
        SupervisionArrangementFactory(person=staff_member(home), supervisor=supervisor, home=home)
        staff_member(home)
    assert count() == few


def test_people_see_who_reads_their_notes(client_for, home, supervisee, supervisor):
    page = client_for(supervisee).get(reverse("my_supervision")).text
    assert "No supervisor named yet" in page
    SupervisionArrangementFactory(person=supervisee, supervisor=supervisor, home=home, since=days_ago(20))
    page = client_for(supervisee).get(reverse("my_supervision")).text
    assert "Your supervisor: Tom Hughes, since" in page
