"""Every page that shows a child's records logs the read (DESIGN: "every read of a child's
record is logged"), through `access.log_read` / `access.log_reads`."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from homes import access
from tests.children.factories import (
    CarePlanFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    RiskAssessmentFactory,
)
from tests.factories import ChildFactory


def reads_of(record) -> list:
    return [entry.actor for entry in LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.ACCESS)]


def _child(child, manager):
    return child, [child.pk]


def _arrangement(child, manager):
    arrangement = ProvisionArrangementFactory(child=child)
    return arrangement, [arrangement.pk]


def _plan(child, manager):
    plan = CarePlanFactory(child=child)
    return plan, [plan.pk]


def _risk_assessment(child, manager):
    assessment = RiskAssessmentFactory(child=child)
    return assessment, [assessment.pk]


def _own_session(child, manager):
    session = KeyWorkingSessionFactory(child=child, staff_member=manager, author=manager)
    return session, [session.pk]


PAGES = [
    ("child_detail", _child),
    ("child_edit", _child),
    ("child_history", _child),
    ("child_chronology", _child),
    ("key_working_list", _child),
    ("key_working_detail", _own_session),
    ("key_working_edit", _own_session),
    ("key_working_amend", _own_session),
    ("activity_log", _child),
    ("provision_overview", _child),
    ("provision_arrangement", _arrangement),
    ("provision_arrangement_edit", _arrangement),
    ("care_plan_list", _child),
    ("care_plan_detail", _plan),
    ("care_plan_edit", _plan),
    ("care_plan_history", _plan),
    ("risk_assessment_list", _child),
    ("risk_assessment_detail", _risk_assessment),
    ("risk_assessment_edit", _risk_assessment),
    ("risk_assessment_history", _risk_assessment),
]


@pytest.mark.parametrize(("url_name", "build"), PAGES, ids=[name for name, _ in PAGES])
def test_reading_the_page_logs_a_read(client_for, manager, child, url_name, build):
    record, args = build(child, manager)
    assert client_for(manager).get(reverse(url_name, args=args)).status_code == 200
    assert reads_of(record) == [manager]


def test_the_before_shift_sheet_logs_a_read_of_each_child_it_shows(client_for, manager, staff, home, child):
    brother = ChildFactory(home=home, key_worker=staff)
    elsewhere = ChildFactory()
    assert client_for(manager).get(reverse("before_shift", args=[home.pk])).status_code == 200
    assert reads_of(child) == reads_of(brother) == [manager]
    assert reads_of(elsewhere) == []


def test_a_read_of_many_children_writes_the_same_entry_as_a_single_read(manager, child):
    with set_actor(manager, remote_addr="192.0.2.7"):  # what AuditlogMiddleware does for a request
        access.log_reads(manager, [child])
        access.log_read(manager, child)
    many, single = LogEntry.objects.get_for_object(child).filter(action=LogEntry.Action.ACCESS).order_by("pk")
    fields = ("content_type_id", "object_pk", "object_id", "object_repr", "actor_id", "actor_email", "remote_addr")
    assert [getattr(many, f) for f in fields] == [getattr(single, f) for f in fields]
    assert (many.actor, many.remote_addr) == (manager, "192.0.2.7")


def test_a_read_of_no_children_writes_nothing(manager):
    access.log_reads(manager, [])
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
