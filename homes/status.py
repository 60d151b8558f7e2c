"""What the administrators' status page checks: the database, the broker, the workers, beat and
the queues of background work. Each check answers within a second or two, whatever is down."""

import datetime
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from config.celery import app
from homes import extensions
from homes.builds import queue_counts
from homes.models import Heartbeat

logger = logging.getLogger(__name__)

# Beat writes its heartbeat every minute (CELERY_BEAT_SCHEDULE); three missed beats say it is down.
HEARTBEAT_STALE_AFTER = datetime.timedelta(minutes=3)
WORKER_PING_SECONDS = 1.0
INLINE = "Not used: tasks run inline in the web request (no REDIS_URL)."


@dataclass(frozen=True)
class Check:
    """One line of the status page. `ok` is None for a part Hearth does not use in this mode."""

    name: str
    ok: bool | None
    summary: str
    details: list[str] = field(default_factory=list)


def heartbeat_record(*, name: str) -> Heartbeat:
    """Note that the periodic job `name` ran just now."""
    heartbeat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
    return heartbeat


def ago(delta: datetime.timedelta) -> str:
    """How long since a heartbeat, to the unit that matters: "40 seconds ago", "3 minutes ago"."""
    seconds = max(int(delta.total_seconds()), 0)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return f"{seconds} second{'s' if seconds != 1 else ''} ago"


def broker_location(url: str) -> str:
    """The broker's address without its password (or user name): redis://host:6379/0."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def tasks_run_inline() -> bool:
    return bool(app.conf.task_always_eager)


def check_database() -> Check:
    vendor = connection.vendor
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises, the database is not usable
        logger.warning("Status page: the database is unreachable", exc_info=True)
        return Check("Database", False, f"Unreachable ({exc.__class__.__name__}).", [f"Engine: {vendor}"])
    details = [f"Engine: {vendor}"]
    if pending:
        names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _ in pending)
        count = f"{len(pending)} migration{'s' if len(pending) != 1 else ''}"
        return Check("Database", False, f"Reachable; {count} not applied: {names}.", details)
    return Check("Database", True, "Reachable; every migration is applied.", details)


def check_broker() -> Check:
    if tasks_run_inline():
        return Check("Broker", None, INLINE)
    location = broker_location(app.conf.broker_url)
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0)
    except Exception as exc:  # noqa: BLE001 - kombu and redis raise many kinds; all mean unreachable
        return Check("Broker", False, f"Unreachable ({exc.__class__.__name__}).", [location])
    return Check("Broker", True, "Reachable.", [location])


def check_workers(*, broker_ok: bool) -> Check:
    if tasks_run_inline():
        return Check("Workers", None, INLINE)
    if not broker_ok:
        return Check("Workers", False, "Cannot be asked while the broker is unreachable.")
    try:
        replies = app.control.ping(timeout=WORKER_PING_SECONDS)
    except Exception as exc:  # noqa: BLE001 - the broker went away between the two checks
        return Check("Workers", False, f"Cannot be asked ({exc.__class__.__name__}).")
    names = sorted(name for reply in replies for name in reply)
    if not names:
        return Check("Workers", False, f"No worker answered within {WORKER_PING_SECONDS:g} second.")
    return Check("Workers", True, f"{len(names)} answered.", names)


def check_beat(now: datetime.datetime | None = None) -> Check:
    if tasks_run_inline():
        return Check("Beat (scheduler)", None, INLINE)
    now = now or timezone.now()
    heartbeat = Heartbeat.objects.filter(name=Heartbeat.BEAT).first()
    if heartbeat is None:
        return Check("Beat (scheduler)", False, "No heartbeat yet: beat has never run (or no worker ran its task).")
    age = now - heartbeat.at
    summary = f"Last heartbeat {ago(age)}"
    if age > HEARTBEAT_STALE_AFTER:
        # The heartbeat is a task: a worker runs what beat sends, so either may be the one down.
        return Check("Beat (scheduler)", False, f"{summary}: stale. Is beat running, and a worker to run its task?")
    return Check("Beat (scheduler)", True, f"{summary}.")


def system_checks() -> list[Check]:
    broker = check_broker()
    return [check_database(), broker, check_workers(broker_ok=broker.ok is not False), check_beat()]


def background_queues() -> list[tuple[str, extensions.QueueCounts]]:
    return [(queue.name, queue_counts(queue.build_task)) for queue in extensions.background_queues.values()]
