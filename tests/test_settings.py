"""Settings come from the environment only; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings", HEARTH_VAR_DIR=str(ROOT / "var"))
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.DEBUG, s.TIME_ZONE)"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_nothing_set_means_sqlite_and_inline_tasks():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "memory://localhost/",
        "True",
        "Europe/London",
    ]


def test_urls_select_postgresql_and_redis():
    result = load_settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hearth", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["django.db.backends.postgresql", "False", "redis://127.0.0.1:6379/0"]


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),
        ({"SECRET_KEY": "s3cret"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "hearth.example"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = load_settings(DJANGO_ENV="production", **env)
    assert result.returncode != 0
    assert f"refuses to start without {missing}" in result.stderr


def test_production_starts_with_its_secrets():
    result = load_settings(DJANGO_ENV="production", SECRET_KEY="s3cret", ALLOWED_HOSTS="hearth.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[3] == "False"


@pytest.mark.parametrize("env", [{"DEBUG": "maybe"}, {"DJANGO_ENV": "staging"}])
def test_a_value_that_cannot_be_understood_stops_start_up(env):
    result = load_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
