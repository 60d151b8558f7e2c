import time

import pytest
from django.conf import settings
from django.urls import reverse

from tests.brokers import closed_port_url, silent_broker


@pytest.mark.django_db
def test_health_reports_database_and_broker(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    # Against the real Redis in CI (REDIS_URL set); inline tasks otherwise.
    expected = "ok" if settings.REDIS_URL else "not used (tasks run inline)"
    assert response.json()["broker"] == expected


@pytest.mark.django_db
def test_health_says_the_broker_is_unreachable_but_stays_up(client, settings):
    """Pages still work and build requests are kept without the broker (issue 9): a load balancer
    that took Hearth out of service for it would turn a delay into an outage."""
    settings.REDIS_URL = closed_port_url()
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["broker"] == "error: ConnectionError"


@pytest.mark.django_db
def test_health_answers_quickly_when_the_broker_does_not(client, settings):
    with silent_broker() as url:
        settings.REDIS_URL = url
        started = time.monotonic()
        response = client.get(reverse("health"))
    assert time.monotonic() - started < 4
    assert response.json()["broker"] == "error: TimeoutError"


def test_health_fails_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"
