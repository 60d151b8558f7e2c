"""Brokers for tests of what Hearth does when the Celery broker is down, hung or up.

`closed_port_url()` names a port on 127.0.0.1 that nothing listens on (bound, then closed):
connecting is refused at once. `silent_broker()` listens but never answers, like a broker
behind a dead network path. `celery_broker(url)` points the Celery app at a broker, with tasks
sent to it rather than run inline, for the length of a `with` block (`celery_broker(None)`: inline)."""

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

REAL_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@contextmanager
def silent_broker() -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)  # connections complete in the kernel; nothing ever reads or replies
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@contextmanager
def celery_broker(url: str | None) -> Iterator[None]:
    """Tasks sent to the broker at `url`; with None, run inline as without REDIS_URL."""
    from config.celery import app
    from homes import builds

    before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url or "memory://localhost/", url is None
    # The app keeps its connection pools for the URL it first used; Celery drops them after a
    # fork the same way, so the next publish connects to `url`.
    app._after_fork()
    builds._BrokerBackoff.until = 0.0
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = before
        app._after_fork()
        builds._BrokerBackoff.until = 0.0


def real_redis_url() -> str:
    """REDIS_URL (CI), or the local Redis on database 15; skipped outside CI when none answers."""
    import redis

    try:
        redis.Redis.from_url(REAL_REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"No Redis at {REAL_REDIS_URL}")
    return REAL_REDIS_URL
