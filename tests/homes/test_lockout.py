"""Brute force stops: a username+IP pair is locked after LOGIN_FAILURE_LIMIT failures for
LOGIN_LOCKOUT_MINUTES, the lockout page says so and how to get help, and every login event is in
the audit trail administrators read."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homes.forms import LOGIN_REFUSED
from homes.models import SecurityEvent
from homes.security import client_ip
from tests.factories import PASSWORD, UserFactory

Kind = SecurityEvent.Kind
LOCKED = "Too many attempts: login locked for 15 minutes"


def attempt(client: Client, email: str, password: str, ip: str = "127.0.0.1"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_six_wrong_passwords_lock_the_account_even_against_the_right_one(client, staff):
    for _ in range(4):
        response = attempt(client, staff.email, "not my password")
        assert response.status_code == 200 and LOGIN_REFUSED in response.text
    response = attempt(client, staff.email, "not my password")
    assert response.status_code == 429 and LOCKED in response.text
    assert "Ask your registered manager or your provider administrator" in response.text
    response = attempt(client, staff.email, "still not it")
    assert response.status_code == 429 and LOCKED in response.text

    response = attempt(client, staff.email, PASSWORD)
    assert response.status_code == 429 and LOCKED in response.text
    assert client.get(reverse("dashboard")).status_code == 302  # not logged in
    assert SecurityEvent.objects.filter(kind=Kind.LOCKED_OUT, user=staff).exists()
    assert SecurityEvent.objects.filter(kind=Kind.LOGIN_FAILED, user=staff).count() == 7


def test_the_lock_lifts_after_the_configured_time(client, staff):
    for _ in range(5):
        attempt(client, staff.email, "not my password")
    assert attempt(client, staff.email, PASSWORD).status_code == 429
    # 15 minutes pass (the failures' timestamps move back rather than the test sleeping).
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=15, seconds=1))
    response = attempt(client, staff.email, PASSWORD)
    assert response.status_code == 302 and response.url == reverse("dashboard")


def test_the_lock_is_for_the_address_typed_in_any_case_from_that_ip_only(client, staff):
    for typed in [staff.email.upper(), staff.email, staff.email.title(), staff.email, staff.email.upper()]:
        attempt(client, typed, "not my password")
    assert attempt(client, staff.email, PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().username == staff.email
    response = attempt(Client(), staff.email, PASSWORD, ip="10.0.0.7")  # another device: not locked
    assert response.status_code == 302


def test_the_limit_and_the_time_come_from_settings(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    attempt(client, staff.email, "not my password")
    response = attempt(client, staff.email, "not my password")
    assert response.status_code == 429 and "login locked for 30 minutes" in response.text


def test_the_environment_sets_the_limit_and_the_time():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "LOGIN_FAILURE_LIMIT": "7", "LOGIN_LOCKOUT_MINUTES": "45"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = "from config import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds())"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["7", "2700.0"], result.stderr


def test_a_successful_login_clears_earlier_failures(client, staff):
    for _ in range(4):
        attempt(client, staff.email, "not my password")
    assert attempt(client, staff.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert attempt(client, staff.email, "not my password").status_code == 200


def test_logins_and_logouts_are_recorded_with_ip_and_device(staff):
    client = Client(HTTP_USER_AGENT="Safari on the Willow House iPad")
    assert attempt(client, staff.email, PASSWORD, ip="192.0.2.10").status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR="192.0.2.10")
    attempt(client, "nobody@example.test", "guess", ip="192.0.2.11")
    logged_in, logged_out = (SecurityEvent.objects.get(kind=kind) for kind in (Kind.LOGGED_IN, Kind.LOGGED_OUT))
    assert (logged_in.user, logged_in.ip_address, logged_in.user_agent) == (
        staff,
        "192.0.2.10",
        "Safari on the Willow House iPad",
    )
    assert logged_out.user == staff
    failed = SecurityEvent.objects.get(kind=Kind.LOGIN_FAILED)
    assert (failed.user, failed.email, failed.ip_address) == (None, "nobody@example.test", "192.0.2.11")


# --- Where the IP address comes from ------------------------------------------------------------


def _request(rf, **meta):
    return rf.get("/", **meta)


def test_the_forwarded_for_header_is_ignored_unless_behind_a_proxy(rf, settings):
    settings.HEARTH_BEHIND_PROXY = False
    request = _request(rf, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "10.0.0.2"
    settings.HEARTH_BEHIND_PROXY = True
    # The proxy appends the address it saw; anything before it came from the client.
    request = _request(rf, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    assert client_ip(_request(rf, REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_ip(_request(rf, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")) is None


def test_the_change_history_takes_the_same_address_not_a_forged_header(client_for, superuser_admin):
    from auditlog.models import LogEntry

    from homes.models import ProviderSettings

    row = ProviderSettings.load()
    client_for(superuser_admin).post(
        reverse("admin:homes_providersettings_change", args=[row.pk]),
        {"care_staff_need_second_factor": "on"},
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert LogEntry.objects.get_for_object(row).filter(actor=superuser_admin).get().remote_addr == "127.0.0.1"


# --- Administrators read the trail; nobody changes it -----------------------------------------------


@pytest.fixture
def superuser_admin(db):
    from homes.models import User

    return UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_administrators_read_the_trail_and_nobody_changes_or_deletes_it(client_for, superuser_admin, staff):
    attempt(Client(), staff.email, "not my password")
    event = SecurityEvent.objects.get()
    client = client_for(superuser_admin)
    changelist = client.get(reverse("admin:homes_securityevent_changelist"))
    assert changelist.status_code == 200 and staff.email in changelist.text
    assert "delete_selected" not in changelist.text
    assert client.get(reverse("admin:homes_securityevent_add")).status_code == 403
    assert client.get(reverse("admin:homes_securityevent_delete", args=[event.pk])).status_code == 403
    change = client.get(reverse("admin:homes_securityevent_change", args=[event.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.text


def test_a_manager_with_admin_access_cannot_read_the_trail(client_for, manager):
    manager.is_staff = True
    manager.save()
    assert client_for(manager).get(reverse("admin:homes_securityevent_changelist")).status_code == 403


def test_an_administrator_unlocks_a_login_and_it_is_audited(client_for, superuser_admin, staff):
    for _ in range(5):
        attempt(Client(), staff.email, "not my password")
    locked = AccessAttempt.objects.get()
    client = client_for(superuser_admin)
    changelist = client.get(reverse("admin:axes_accessattempt_changelist")).text
    assert staff.email in changelist and "delete_selected" not in changelist
    assert client.get(reverse("admin:axes_accessattempt_delete", args=[locked.pk])).status_code == 403
    response = client.post(
        reverse("admin:axes_accessattempt_changelist"), {"action": "unlock", "_selected_action": [locked.pk]}
    )
    assert response.status_code == 302
    assert attempt(Client(), staff.email, PASSWORD).status_code == 302
    event = SecurityEvent.objects.get(kind=Kind.UNLOCKED)
    assert (event.user, event.by, event.detail) == (staff, superuser_admin, "from 127.0.0.1")


def test_the_read_only_admins_build_their_forms(rf, superuser_admin):
    """Other checks walk every admin's form (date bounds): read-only fields must not be form fields."""
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = superuser_admin
    for model in (SecurityEvent, AccessAttempt):
        admin.site._registry[model].get_form(request)
