"""Pages for refusals and faults (issue 13, item 6), as people see them in production (DEBUG off):
what happened, who can help and a way back, never Django's bare "403 Forbidden"."""

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from homes.models import Membership
from tests.factories import ChildFactory, member

WHO_CAN_HELP = "the registered manager of your home, or your provider administrator"


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def _page(response) -> str:
    return response.content.decode()


def test_a_read_only_role_sees_what_it_may_not_do_and_who_can_help(client_for, home):
    response = client_for(member(home, Membership.Role.CARE_STAFF)).post(reverse("child_admit", args=[home.pk]), {})
    assert response.status_code == 403
    page = _page(response)
    assert "<title>You do not have access to this page · Hearth</title>" in page
    assert WHO_CAN_HELP in page
    assert f'href="{reverse("dashboard")}">Go to your dashboard' in page
    assert "Forbidden" not in page


def test_another_homes_record_is_a_page_not_found_in_the_layout(client_for, home, other_home):
    child = ChildFactory(home=other_home)
    response = client_for(member(home, Membership.Role.MANAGER)).get(reverse("child_detail", args=[child.pk]))
    assert response.status_code == 404
    page = _page(response)
    assert "<title>Page not found · Hearth</title>" in page
    assert WHO_CAN_HELP in page
    assert 'id="main"' in page and "Go to your dashboard" in page
    assert child.preferred_name not in page


@pytest.mark.urls("tests.homes.error_urls")
def test_a_fault_is_a_page_in_plain_words(client_for, home):
    client = client_for(member(home, Membership.Role.MANAGER))
    client.raise_request_exception = False
    response = client.get("/fails/")
    assert response.status_code == 500
    page = _page(response)
    assert "Sorry, there is a problem with Hearth" in page
    assert "provider administrator" in page and "Go to your dashboard" in page


def test_the_500_template_renders_without_a_request_or_database():
    # No `db` fixture: any query would fail the test.
    page = loader.get_template("500.html").render({})
    assert "Sorry, there is a problem with Hearth" in page


def test_an_expired_form_says_to_go_back_and_send_it_again(home):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a@example.com"})
    assert response.status_code == 403
    page = _page(response)
    assert "<title>Your form has expired · Hearth</title>" in page
    assert "Go back, reload the page and send it again. What you typed is kept in this browser." in page
    assert "CSRF verification failed" not in page
