"""Password rules (at least 12 characters, unlike the person's name and e-mail and the homes'
names, not a common password), password changes and resets in the audit trail, resets throttled."""

import datetime

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from homes.account_views import RESET_THROTTLED
from homes.demo import DEMO_PASSWORD
from homes.models import SecurityEvent, User
from homes.validators import TOO_LIKE_A_HOME
from tests.factories import PASSWORD, UserFactory
from tests.utils import seed_demo

Kind = SecurityEvent.Kind


def refusals(password: str, user: User | None = None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.fixture
def grace(db) -> User:
    return UserFactory(full_name="Grace Okafor", email="grace.okafor@willow.example")


def test_a_long_unusual_password_passes(grace, home):
    assert refusals("kettle-on-the-hob-at-six", grace) == []


def test_passwords_shorter_than_twelve_characters_are_refused(grace):
    assert any("at least 12 characters" in message for message in refusals("kettle-on-1", grace))
    assert refusals("kettle-on-12", grace) == []


@pytest.mark.parametrize("password", ["grace-okafor-1", "GraceOkafor2026", "okafor-grace!", "grace.okafor@willow"])
def test_passwords_like_the_persons_name_or_email_are_refused(grace, password):
    assert any("too similar" in message for message in refusals(password, grace)), password


@pytest.mark.parametrize("password", ["WillowHouse!!", "willow-house-1", "willowhouse12"])
def test_passwords_like_a_homes_name_are_refused(home, password):
    expected = TOO_LIKE_A_HOME % {"home": "Willow House"}
    assert refusals(password) == [expected]


@pytest.mark.parametrize("password", ["qwerty123456", "1q2w3e4r5t6y", "123qweasdzxc"])
def test_common_passwords_are_refused(db, password):
    assert any("too common" in message for message in refusals(password))


def test_the_demo_password_passes_the_rules_for_every_demo_person(db):
    seed_demo()
    for person in User.objects.all():
        assert refusals(DEMO_PASSWORD, person) == [], person.email


def test_changing_a_password_applies_the_rules_and_is_recorded(client_for, manager):
    client = client_for(manager)
    short = {"old_password": PASSWORD, "new_password1": "short-one", "new_password2": "short-one"}
    response = client.post(reverse("password_change"), short)
    assert response.status_code == 200 and "at least 12 characters" in response.text
    assert not SecurityEvent.objects.filter(kind=Kind.PASSWORD_CHANGED).exists()
    good = {"old_password": PASSWORD, "new_password1": "kettle-on-the-hob", "new_password2": "kettle-on-the-hob"}
    assert client.post(reverse("password_change"), good).status_code == 302
    assert SecurityEvent.objects.get(kind=Kind.PASSWORD_CHANGED).user == manager


# --- Password reset: requested, throttled, completed -----------------------------------------------


def request_reset(client: Client, email: str, ip: str = "127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_resets_are_throttled_per_address(client, manager):
    for _ in range(3):
        assert request_reset(client, manager.email.upper()).status_code == 302
    assert len(mail.outbox) == 3
    response = request_reset(client, manager.email, ip="10.0.0.9")  # another device: still this address
    assert response.status_code == 200 and RESET_THROTTLED in response.text
    assert len(mail.outbox) == 3
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_RESET_REQUESTED, user=manager).count() == 3
    assert SecurityEvent.objects.filter(kind=Kind.PASSWORD_RESET_THROTTLED, email=manager.email).count() == 1
    # An hour later they may ask again.
    SecurityEvent.objects.update(at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    assert request_reset(client, manager.email).status_code == 302
    assert len(mail.outbox) == 4


def test_resets_are_throttled_per_ip_whether_or_not_the_address_has_an_account(client, manager):
    for n in range(10):
        assert request_reset(client, f"someone{n}@example.test").status_code == 302
    response = request_reset(client, manager.email)
    assert response.status_code == 200 and RESET_THROTTLED in response.text
    assert mail.outbox == []
    assert request_reset(Client(), manager.email, ip="10.0.0.9").status_code == 302  # another device


def test_completing_a_reset_is_recorded_and_the_new_password_follows_the_rules(client, manager):
    request_reset(client, manager.email)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    form_url = client.get(path).url  # Django moves the token into the session, then shows the form
    response = client.post(form_url, {"new_password1": "Willow House!", "new_password2": "Willow House!"})
    assert response.status_code == 200 and "too like the name of a home" in response.text
    new = {"new_password1": "kettle-on-the-hob", "new_password2": "kettle-on-the-hob"}
    assert client.post(form_url, new).status_code == 302
    manager.refresh_from_db()
    assert manager.check_password("kettle-on-the-hob")
    event = SecurityEvent.objects.get(kind=Kind.PASSWORD_RESET_COMPLETED)
    assert event.user == manager and event.ip_address == "127.0.0.1"
