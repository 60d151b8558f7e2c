import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_health_reports_database_and_broker(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    # Against the real Redis in CI (REDIS_URL set); inline tasks otherwise.
    expected = "ok" if settings.REDIS_URL else "not used (tasks run inline)"
    assert response.json()["broker"] == expected


@pytest.mark.django_db
def test_health_fails_when_the_broker_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
