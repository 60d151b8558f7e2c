"""Two people pressing "build" at the same moment still get one report and one build.

Needs a database with real concurrent transactions (PostgreSQL, as in CI)."""

import threading

import pytest
from django.db import connection, connections

from tracker.models import MonthlyTracker, ReviewReport
from tracker.services import report as services
from tracker.services.tracker import tracker_open

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises every write: nothing to race"),
]

RACERS = 4


def race(work) -> list:
    barrier = threading.Barrier(RACERS)
    results, errors = [], []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


def test_concurrent_enqueues_make_one_report_and_one_build(tracker, monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr("homes.builds.send_build", lambda task, report_id: sent.append(report_id))
    reports = race(lambda: services.report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)
    assert len(set(reports)) == 1 and ReviewReport.objects.count() == 1
    assert sent == reports[:1]


def test_concurrent_opening_makes_one_tracker(child):
    from tests.tracker.factories import LAST_MONTH

    trackers = race(lambda: tracker_open(child=child, month=LAST_MONTH)[0].pk)
    assert len(set(trackers)) == 1 and MonthlyTracker.objects.count() == 1
