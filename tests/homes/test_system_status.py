"""The administrators' status page: database, broker, workers, beat's heartbeat and the queues,
with tasks inline, against a real Redis, and with the broker unreachable."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone

from homes.models import Heartbeat
from homes.status import HEARTBEAT_STALE_AFTER, INLINE, ago, broker_location
from tests.brokers import celery_broker, closed_port_url, real_redis_url
from tests.tracker.factories import TrackerFactory
from tracker.models import ReviewReport

pytestmark = pytest.mark.xdist_group("real-broker")  # one Redis queue: one test process uses it at a time

URL = reverse("system_status")


def status_page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def row(page: str, name: str) -> str:
    """The text of the table row for one part of Hearth."""
    match = re.search(rf"<th scope=\"row\">{re.escape(name)}</th>(.*?)</tr>", page)
    assert match, f"no row for {name}"
    return re.sub(r"<[^>]+>", " ", match.group(1))


# Who sees it


@pytest.mark.django_db
def test_administrators_see_the_status_page_and_its_link(client_for, administrator):
    client = client_for(administrator)
    with celery_broker(None):
        assert "System status" in status_page(client)
    assert f'href="{URL}"' in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("persona", ["clinical_lead", "manager", "deputy", "staff", "assessor", "other_manager"])
def test_everyone_else_gets_404_and_no_link(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 404
    assert f'href="{URL}"' not in client.get(reverse("dashboard")).content.decode()


@pytest.mark.django_db
def test_logged_out_people_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_only_get(client_for, administrator):
    assert client_for(administrator).post(URL).status_code == 405


# What it says


@pytest.mark.django_db
def test_inline_mode_says_tasks_run_inline(client_for, administrator):
    with celery_broker(None):
        page = status_page(client_for(administrator))
    assert "Tasks run inline" in page
    assert INLINE in row(page, "Broker") and INLINE in row(page, "Workers") and INLINE in row(page, "Beat (scheduler)")
    database = row(page, "Database")
    assert "OK" in database and "every migration is applied" in database and f"Engine: {connection.vendor}" in database


@pytest.mark.django_db
def test_the_page_names_migrations_not_applied(client_for, administrator):
    app, name = MigrationLoader(connection).graph.leaf_nodes("homes")[0]
    MigrationRecorder.Migration.objects.filter(app=app, name=name).delete()  # as if never applied
    with celery_broker(None):
        database = row(status_page(client_for(administrator)), "Database")
    assert "Problem" in database and f"1 migration not applied: homes.{name}" in database


@pytest.mark.django_db
def test_an_unreachable_broker_is_a_problem_and_its_password_is_not_shown(client_for, administrator):
    url = closed_port_url().replace("redis://", "redis://:s3cret-broker-password@")
    with celery_broker(url):
        page = status_page(client_for(administrator))
    broker = row(page, "Broker")
    assert "Problem" in broker and "Unreachable (OperationalError)" in broker
    assert broker_location(url) in broker and "s3cret" not in page
    assert "Cannot be asked while the broker is unreachable" in row(page, "Workers")


@pytest.mark.django_db
def test_a_real_redis_is_reachable_and_the_page_says_no_worker_answered(client_for, administrator):
    url = real_redis_url()
    with celery_broker(url):
        page = status_page(client_for(administrator))
    broker = row(page, "Broker")
    assert "OK" in broker and broker_location(url) in broker
    # Nothing consumes this test's database number of Redis; a worker elsewhere on it would answer.
    workers = row(page, "Workers")
    assert "No worker answered within 1 second" in workers or "answered." in workers


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_answers_the_ping(client_for, administrator):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    url = real_redis_url()
    with celery_broker(url), start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        workers = row(status_page(client_for(administrator)), "Workers")
    assert "OK" in workers and re.search(r"\d+ answered\.", workers)


# Beat's heartbeat


@pytest.mark.django_db
def test_no_heartbeat_yet_is_a_problem(client_for, administrator):
    with celery_broker(closed_port_url()):
        beat = row(status_page(client_for(administrator)), "Beat (scheduler)")
    assert "Problem" in beat and "No heartbeat yet" in beat


@pytest.mark.django_db
def test_a_recent_heartbeat_is_ok(client_for, administrator):
    Heartbeat.objects.create(name=Heartbeat.BEAT, at=timezone.now() - datetime.timedelta(seconds=40))
    with celery_broker(closed_port_url()):
        beat = row(status_page(client_for(administrator)), "Beat (scheduler)")
    assert "OK" in beat and re.search(r"Last heartbeat 4\d seconds ago\.", beat)


@pytest.mark.django_db
def test_a_heartbeat_older_than_three_minutes_is_stale(client_for, administrator):
    at = timezone.now() - HEARTBEAT_STALE_AFTER - datetime.timedelta(seconds=30)
    Heartbeat.objects.create(name=Heartbeat.BEAT, at=at)
    with celery_broker(closed_port_url()):
        beat = row(status_page(client_for(administrator)), "Beat (scheduler)")
    assert "Problem" in beat and "Last heartbeat 3 minutes ago: stale" in beat


@pytest.mark.django_db
def test_beat_writes_its_heartbeat_every_minute():
    from celery.schedules import crontab

    from config.celery import app
    from homes.tasks import beat_heartbeat

    app.loader.import_default_modules()
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "homes.tasks.beat_heartbeat")
    assert entry["schedule"] == crontab() and entry["task"] in app.tasks
    beat_heartbeat()
    beat_heartbeat()
    heartbeat = Heartbeat.objects.get()
    assert heartbeat.name == Heartbeat.BEAT and timezone.now() - heartbeat.at < datetime.timedelta(seconds=5)


def test_ago_names_the_unit_that_matters():
    assert ago(datetime.timedelta(seconds=1)) == "1 second ago"
    assert ago(datetime.timedelta(seconds=40)) == "40 seconds ago"
    assert ago(datetime.timedelta(minutes=3, seconds=59)) == "3 minutes ago"
    assert ago(datetime.timedelta(hours=1)) == "1 hour ago"
    assert ago(datetime.timedelta(days=2, hours=5)) == "2 days ago"


# The queues


@pytest.mark.django_db
def test_the_queues_count_what_waits_and_what_failed(client_for, administrator, child):
    months = [datetime.date(2026, month, 1) for month in (6, 7, 8, 9)]
    oldest = timezone.now() - datetime.timedelta(hours=2)
    statuses = [
        ("queued", False, oldest),
        ("queued", True, timezone.now()),
        ("building", False, None),
        ("failed", False, None),
    ]
    for month, (status, awaiting, changed) in zip(months, statuses, strict=True):
        ReviewReport.objects.create(
            tracker=TrackerFactory(child=child, month=month),
            kind=ReviewReport.Kind.MEETING_PACK,
            status=status,
            awaiting_builder=awaiting,
            status_changed_at=changed or timezone.now(),
        )
    with celery_broker(None):
        page = status_page(client_for(administrator))
    pdfs = row(page, "Review PDFs")
    assert pdfs.split()[:4] == ["2", "1", "1", "1"]  # queued, waiting for the broker, building, failed
    assert "2 hours ago" in pdfs
    assert row(page, "Evidence packs").split() == ["0", "0", "0", "0", "none"]
