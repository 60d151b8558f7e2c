"""Reads of the shifts pages the generic walk (tests/test_read_logging_walk.py) cannot reach."""

from auditlog.models import LogEntry
from django.urls import reverse

from tests.shifts.factories import DailyLogFactory


def test_the_authors_correction_page_logs_the_read(client_for, child, staff):
    log = DailyLogFactory(child=child, author=staff)
    assert client_for(staff).get(reverse("daily_log_edit", args=[log.pk])).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=staff, object_id=log.pk).exists()


def test_the_homes_shift_page_logs_a_read_of_each_child(client_for, home, child, manager):
    assert client_for(manager).get(reverse("shifts_home", args=[home.pk])).status_code == 200
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=manager)
    assert child.pk in reads.values_list("object_id", flat=True)
