import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from shifts.models import ShiftPattern
from shifts.models import shift as models
from shifts.services.shift_pattern import PATTERN_ALREADY_SET, current_shift, shift_pattern_start_usual
from tests.shifts.factories import ShiftPatternFactory, late, night


def shift_form(**overrides) -> dict:
    data = {"name": "Sleep-in", "starts_at": "21:00", "ends_at": "08:00", "is_night": "on"}
    data.update(overrides)
    return data


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


@pytest.mark.parametrize("person", ["manager", "deputy"])
def test_managers_add_a_shift(request, client_for, home, person):
    response = client_for(request.getfixturevalue(person)).post(reverse("shift_pattern", args=[home.pk]), shift_form())
    assert response.status_code == 302
    shift = ShiftPattern.objects.get()
    assert shift.home == home and shift.runs_overnight and shift.is_night


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead"])
def test_others_read_the_pattern_but_cannot_change_it(request, client_for, home, person):
    shift = ShiftPatternFactory(home=home)
    client = client_for(request.getfixturevalue(person))
    page = client.get(reverse("shift_pattern", args=[home.pk]))
    assert page.status_code == 200 and "Early" in page.text and "Add a shift" not in page.text
    assert client.post(reverse("shift_pattern", args=[home.pk]), shift_form()).status_code == 403
    assert client.get(reverse("shift_pattern_edit", args=[shift.pk])).status_code == 403
    assert client.post(reverse("shift_pattern_start_usual", args=[home.pk])).status_code == 403
    assert ShiftPattern.objects.count() == 1


def test_another_homes_manager_gets_404(client_for, home, other_manager):
    shift = ShiftPatternFactory(home=home)
    client = client_for(other_manager)
    assert client.get(reverse("shift_pattern", args=[home.pk])).status_code == 404
    assert client.get(reverse("shift_pattern_edit", args=[shift.pk])).status_code == 404
    assert client.post(reverse("shift_pattern_start_usual", args=[home.pk])).status_code == 404


def test_the_usual_pattern_is_one_button_and_only_for_a_home_without_shifts(client_for, home, manager):
    client = client_for(manager)
    assert client.get(reverse("shift_pattern_start_usual", args=[home.pk])).status_code == 405
    client.post(reverse("shift_pattern_start_usual", args=[home.pk]))
    assert list(home.shift_patterns.values_list("name", flat=True)) == ["Early", "Late", "Waking night"]
    with pytest.raises(Exception) as refused:
        shift_pattern_start_usual(home=home)
    assert PATTERN_ALREADY_SET in str(refused.value)


def test_a_shift_must_start_and_end_at_different_times(client_for, home, manager):
    response = client_for(manager).post(reverse("shift_pattern", args=[home.pk]), shift_form(ends_at="21:00"))
    assert models.SHIFT_TIMES_EQUAL in response.text
    assert not ShiftPattern.objects.exists()


def test_two_shifts_of_one_home_cannot_share_a_name(client_for, home, manager):
    ShiftPatternFactory(home=home, name="Early")
    response = client_for(manager).post(reverse("shift_pattern", args=[home.pk]), shift_form(name="early "))
    assert models.SHIFT_NAME_TAKEN.format(name="early") in response.text


def test_a_manager_retires_a_shift_and_its_records_stay(client_for, home, manager):
    shift = ShiftPatternFactory(home=home)
    data = {"name": "Early", "starts_at": "07:00", "ends_at": "15:00", "revision": shift.revision}
    assert client_for(manager).post(reverse("shift_pattern_edit", args=[shift.pk]), data).status_code == 302
    shift.refresh_from_db()
    assert not shift.active


def test_an_overnight_shift_belongs_to_the_day_it_starts(home):
    nights = night(home)
    start, end = nights.window(datetime.date(2026, 3, 9))
    assert start == aware(2026, 3, 9, 22, 0) and end == aware(2026, 3, 10, 7, 30)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (aware(2026, 3, 10, 8, 0), ("Early", datetime.date(2026, 3, 10))),
        (aware(2026, 3, 10, 14, 45), ("Late", datetime.date(2026, 3, 10))),  # the overlap: the later shift
        (aware(2026, 3, 10, 23, 0), ("Waking night", datetime.date(2026, 3, 10))),
        (aware(2026, 3, 11, 3, 0), ("Waking night", datetime.date(2026, 3, 10))),
        (aware(2026, 3, 11, 7, 15), ("Early", datetime.date(2026, 3, 11))),
    ],
)
def test_the_shift_running_now(home, moment, expected):
    ShiftPatternFactory(home=home)
    late(home)
    night(home)
    shift, day = current_shift(home, moment)
    assert (shift.name, day) == expected


def test_no_shift_runs_in_a_gap_or_when_retired(home):
    ShiftPatternFactory(home=home, active=False)
    assert current_shift(home, aware(2026, 3, 10, 8, 0)) is None


def test_the_home_page_shows_whose_log_is_written_for_the_shift(client_for, home, child, staff, monkeypatch):
    from tests.shifts.factories import DailyLogFactory

    early = ShiftPatternFactory(home=home)
    moment = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(9, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    page = client_for(staff).get(reverse("shifts_home", args=[home.pk])).text
    assert "Write the log" in page
    DailyLogFactory(child=child, shift=early, shift_date=timezone.localdate())
    page = client_for(staff).get(reverse("shifts_home", args=[home.pk])).text
    assert f"Written by {staff.full_name}" in page
