"""The Regulation 35(3) clocks (24-hour record, 48-hour review) and the training check, at fixed times."""

import datetime

import pytest
from django.utils import timezone

from homes.models import Membership
from safeguarding import incident_clocks
from safeguarding.services.incidents import incident_countersign
from tests.factories import member
from tests.safeguarding.incident_factories import damage, make_hold, make_incident, physical_intervention
from tests.supervision.factories import TrainingRecordFactory

LONDON = timezone.get_default_timezone()
HELD_AT = datetime.datetime(2026, 3, 10, 19, 30, tzinfo=LONDON)


def _clocks(incident):
    incident = type(incident).objects.prefetch_related("interventions__child", "categories").get(pk=incident.pk)
    return {clock.label.split(" (")[0]: clock for clock in incident_clocks.incident_clocks(incident)}


def test_an_incident_with_no_hold_has_no_clocks(child, staff):
    incident = make_incident(child, author=staff, categories=[damage()], occurred_at=HELD_AT)
    assert _clocks(incident) == {}


def test_a_hold_recorded_within_24_hours_meets_the_record_clock(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    make_hold(incident, child, started_at=HELD_AT, now=HELD_AT + datetime.timedelta(hours=23, minutes=59))
    clock = next(c for c in incident_clocks.incident_clocks(incident) if "recorded" in c.label)
    assert clock.due == HELD_AT + datetime.timedelta(hours=24)
    assert clock.state() == "met"


def test_a_hold_recorded_after_24_hours_is_late(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    hold = make_hold(incident, child, started_at=HELD_AT, now=HELD_AT + datetime.timedelta(hours=24, minutes=1))
    assert hold.recorded_late
    clock = next(c for c in incident_clocks.incident_clocks(incident) if "recorded" in c.label)
    assert clock.state() == "late"


def test_an_unrecorded_hold_is_overdue_24_hours_after_the_incident(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    clock = next(c for c in incident_clocks.incident_clocks(incident) if "recorded" in c.label)
    assert clock.due == HELD_AT + datetime.timedelta(hours=24)
    assert clock.state(HELD_AT + datetime.timedelta(hours=23)) == "open"
    assert clock.state(HELD_AT + datetime.timedelta(hours=24, seconds=1)) == "overdue"


def test_the_48_hour_review_is_met_by_countersigning_in_time(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    make_hold(incident, child, started_at=HELD_AT, now=HELD_AT + datetime.timedelta(hours=2))
    review = next(c for c in incident_clocks.incident_clocks(incident) if "48 hours" in c.label)
    assert review.due == HELD_AT + datetime.timedelta(hours=48)
    assert review.state(HELD_AT + datetime.timedelta(hours=47)) == "open"
    assert review.state(HELD_AT + datetime.timedelta(hours=49)) == "overdue"
    incident_countersign(
        incident=incident,
        manager=manager,
        spoke_with_staff=True,
        spoke_with_child=True,
        now=HELD_AT + datetime.timedelta(hours=47, minutes=59),
    )
    incident.refresh_from_db()
    review = next(c for c in incident_clocks.incident_clocks(incident) if "48 hours" in c.label)
    assert review.state(HELD_AT + datetime.timedelta(days=10)) == "met"


def test_countersigning_after_48_hours_is_late(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    make_hold(incident, child, started_at=HELD_AT, now=HELD_AT + datetime.timedelta(hours=2))
    incident_countersign(
        incident=incident,
        manager=manager,
        spoke_with_staff=True,
        spoke_with_child=True,
        now=HELD_AT + datetime.timedelta(hours=49),
    )
    incident.refresh_from_db()
    review = next(c for c in incident_clocks.incident_clocks(incident) if "48 hours" in c.label)
    assert review.state() == "late"


def test_the_next_clock_is_the_open_one_due_first(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=HELD_AT)
    assert "recorded" in incident_clocks.next_clock(incident).label
    make_hold(incident, child, started_at=HELD_AT, now=HELD_AT + datetime.timedelta(hours=1))
    incident = type(incident).objects.get(pk=incident.pk)
    assert "48 hours" in incident_clocks.next_clock(incident).label


# --- training ----------------------------------------------------------------------------------


@pytest.fixture
def pi_course():
    from supervision.models import Course

    return Course.objects.get(name="De-escalation and physical intervention")


def test_staff_with_no_training_on_record_are_flagged(home):
    person = member(home)
    assert incident_clocks.training_gaps([person], HELD_AT.date()) == {person.pk: incident_clocks.NO_TRAINING}


def test_current_training_is_not_flagged_and_lapsed_training_is(home, pi_course):
    current, lapsed = member(home), member(home)
    TrainingRecordFactory(person=current, course=pi_course, completed_on=datetime.date(2025, 9, 1))
    TrainingRecordFactory(person=lapsed, course=pi_course, completed_on=datetime.date(2024, 9, 1))
    gaps = incident_clocks.training_gaps([current, lapsed], HELD_AT.date())
    assert current.pk not in gaps
    assert gaps[lapsed.pk] == incident_clocks.TRAINING_LAPSED.format(date="1 September 2025")


def test_other_courses_do_not_count(home):
    from supervision.models import Course

    person = member(home)
    TrainingRecordFactory(
        person=person, course=Course.objects.get(name="First aid (paediatric)"), completed_on=datetime.date(2026, 1, 5)
    )
    assert person.pk in incident_clocks.training_gaps([person], HELD_AT.date())


def test_the_incident_page_tells_the_manager_who_held_without_current_training(client_for, child, staff, manager):
    from django.urls import reverse

    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child, held_by=[staff])
    page = client_for(manager).get(reverse("incident_detail", args=[incident.pk]))
    assert f"{staff.full_name}: {incident_clocks.NO_TRAINING}" in page.text.replace("&#x27;", "'")


def test_training_is_read_through_the_app_registry_not_an_import():
    import pathlib

    for path in pathlib.Path("safeguarding").rglob("*.py"):
        assert "from supervision" not in path.read_text() and "import supervision" not in path.read_text(), path
    assert Membership  # the roles module is the one homes provides
