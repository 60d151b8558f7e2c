"""Settings come from the environment only; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# What the test run itself may set (the browser journeys allow async-unsafe ORM calls).
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Python with these arguments, in a clean environment plus `env`."""
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings", HEARTH_VAR_DIR=str(ROOT / "var"))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True)


def load_settings(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.DEBUG, s.TIME_ZONE)"
    )
    return run("-c", code, **env)


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


# Production transport security (issue 9, item 10)

PRODUCTION = {
    "DJANGO_ENV": "production",
    # As an operator makes one: 50+ random characters (check --deploy refuses weaker keys).
    "SECRET_KEY": "q7Vd2xLp9sK4mZt8Rw1bN6cYh3Gf5Ja0Ue7Ti2Oo9Pk4Ls8Dq1Xv6Cn3Bm5Hr0Wy",
    "ALLOWED_HOSTS": "hearth.example.org",
}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    return run("-c", code, **env)


def test_check_deploy_reports_nothing_with_production_settings():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_speaks_up_when_https_is_turned_down():
    result = run("manage.py", "check", "--deploy", **PRODUCTION, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


SECURITY_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
    "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.X_FRAME_OPTIONS)"
)


def test_production_defaults_to_https_everywhere_without_trusting_a_proxy():
    result = run_python(SECURITY_SETTINGS, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True", "True", "True", "True", "None", "DENY"]


def test_https_settings_come_from_the_environment():
    env = {
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "3600",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "no",
        "SECURE_HSTS_PRELOAD": "0",
        "HEARTH_BEHIND_PROXY": "true",
    }
    result = run_python(SECURITY_SETTINGS, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:4] == ["False", "3600", "False", "False"]
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in result.stdout


@pytest.mark.parametrize("env", [{"SECURE_HSTS_SECONDS": "-1"}, {"HEARTH_BEHIND_PROXY": "perhaps"}])
def test_a_transport_setting_that_cannot_be_understood_stops_start_up(env):
    result = run_python(SECURITY_SETTINGS, **PRODUCTION, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


# Over HTTP, with the production settings: where the request came from decides.
REQUESTS = (
    "import django; django.setup(); from django.test import Client; c = Client(); "
    "r = c.get('/accounts/login/', HTTP_HOST='hearth.example.org'); print(r.status_code, r.get('Location')); "
    "r = c.get('/', HTTP_HOST='hearth.example.org', HTTP_X_FORWARDED_PROTO='https'); "
    "print(r.status_code, r.get('Strict-Transport-Security')); "
    "r = c.get('/health/', HTTP_HOST='hearth.example.org'); print(r.status_code, r.get('Location'))"
)


def test_behind_the_proxy_https_requests_are_served_with_hsts_and_http_is_redirected():
    result = run_python(REQUESTS, **PRODUCTION, HEARTH_BEHIND_PROXY="true")
    assert result.returncode == 0, result.stderr
    plain, forwarded, health = result.stdout.splitlines()
    assert plain == "301 https://hearth.example.org/accounts/login/"
    assert forwarded == "302 max-age=31536000; includeSubDomains; preload"  # on to the login page
    assert health == "200 None"  # the health check answers over plain HTTP


def test_without_a_proxy_a_forwarded_header_is_not_believed():
    result = run_python(REQUESTS, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "301 None"
