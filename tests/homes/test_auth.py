from django.core import mail
from django.urls import reverse

from homes.forms import LOGIN_REFUSED
from homes.models import User
from tests.factories import PASSWORD


def test_people_log_in_with_their_email(client, manager):
    response = client.post(reverse("login"), {"username": manager.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_a_wrong_password_is_refused_with_a_message(client, manager):
    response = client.post(reverse("login"), {"username": manager.email, "password": "nope"})
    assert response.status_code == 200
    assert LOGIN_REFUSED in response.text


def test_log_out_is_a_post(client_for, manager):
    client = client_for(manager)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change(client_for, manager):
    client = client_for(manager)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-long-phrase-42", "new_password2": "a-new-long-phrase-42"},
    )
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.check_password("a-new-long-phrase-42")


def test_password_reset_sends_a_link(client, manager):
    response = client.post(reverse("password_reset"), {"email": manager.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_emails_are_stored_lower_case(db):
    user = User.objects.create_user("Grace.Okafor@Example.TEST", "x", full_name="Grace Okafor")
    assert user.email == "grace.okafor@example.test"


def test_people_are_greeted_by_first_name_after_any_title():
    assert User(full_name="Dr Samuel Adeyemi").get_short_name() == "Samuel"
    assert User(full_name="Mx. Jo Bell").get_short_name() == "Jo"
    assert User(full_name="Dr").get_short_name() == "Dr"
    assert User(full_name="", email="a@b.example").get_short_name() == "a@b.example"
