import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from children.models import Child
from homes.demo import DEMO_PASSWORD
from homes.models import Home, User
from tests.second_factor import log_in_through_the_form
from tests.utils import seed_demo


def _seed() -> str:
    return seed_demo()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_every_printed_login_works():
    _seed()
    counts = (Home.objects.count(), User.objects.count(), Child.objects.count())
    output = _seed()
    assert (Home.objects.count(), User.objects.count(), Child.objects.count()) == counts
    assert counts[0] == 2 and counts[2] >= 8

    emails = re.findall(r"\S+@hearth\.example", output)
    assert len(emails) >= 6
    for email in emails:
        client = Client()
        assert log_in_through_the_form(client, email, DEMO_PASSWORD) == reverse("dashboard"), email


@pytest.mark.django_db
def test_demo_children_have_names_beyond_ascii():
    _seed()
    names = set(Child.objects.values_list("preferred_name", flat=True))
    assert {"Siobhán", "Zoë", "Kacper"} <= names
    assert Child.objects.filter(legal_name__contains="Nwachukwu").exists()


def test_seed_demo_refuses_production(settings, db):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo")


@pytest.mark.django_db
def test_the_printed_logins_say_which_set_up_a_second_factor_and_demo_code_gives_the_code():
    output = _seed()
    lines = {word: line for line in output.splitlines() for word in line.split() if "@hearth.example" in word}
    assert "set up at first login" in lines["manager@hearth.example"]
    assert "second factor" not in lines["staff@hearth.example"]
    assert "manage.py demo_code EMAIL" in output

    client = Client()
    client.post(reverse("login"), {"username": "manager@hearth.example", "password": DEMO_PASSWORD})
    enrol = client.get(reverse("dashboard")).url
    client.get(enrol)  # the set-up page makes the key the code comes from
    code = StringIO()
    call_command("demo_code", "manager@hearth.example", stdout=code)
    response = client.post(enrol, {"code": code.getvalue().strip()})
    assert response.status_code == 302 and response.url.startswith(reverse("recovery_codes"))
    assert "already set up" in [line for line in _seed().splitlines() if "manager@hearth.example" in line][0]


def test_demo_code_refuses_real_accounts_and_production(settings, manager):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a demo login"):
        call_command("demo_code", manager.email, stdout=StringIO())
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never runs in production"):
        call_command("demo_code", manager.email, stdout=StringIO())
