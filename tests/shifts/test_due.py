import datetime

from django.utils import timezone

from homes.extensions import tasks_for
from shifts.services import handover as services
from tests.shifts.factories import HandoverFactory, ShiftPatternFactory, late, yesterday


def _kinds(user) -> list[str]:
    return [task.kind for task in tasks_for(user, timezone.localdate()) if task.kind.startswith("Read the")]


def test_the_latest_handover_is_a_task_for_the_homes_staff_until_they_read_it(home, staff, deputy, assessor):
    early = ShiftPatternFactory(home=home)
    older = HandoverFactory(home=home, shift=early, shift_date=yesterday(), started_by=staff)
    services.handover_save(handover=older, user=staff, summary="", complete=True)
    newer = HandoverFactory(home=home, shift=late(home), shift_date=yesterday(), started_by=staff)
    services.handover_save(handover=newer, user=staff, summary="", complete=True)
    assert _kinds(deputy) == ["Read the Late shift's handover"]  # the latest only
    assert _kinds(staff) == []  # who completed it
    assert _kinds(assessor) == []  # not one of the shift's staff
    services.handover_mark_read(handover=newer, reader=deputy)
    assert _kinds(deputy) == []


def test_a_day_old_handover_is_no_longer_a_task(home, staff, deputy):
    handover = HandoverFactory(home=home, started_by=staff)
    services.handover_save(
        handover=handover, user=staff, summary="", complete=True, now=timezone.now() - datetime.timedelta(hours=25)
    )
    assert _kinds(deputy) == []
