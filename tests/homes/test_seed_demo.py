import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from children.models import Child
from homes.demo import DEMO_PASSWORD
from homes.models import Home, User
from tests.second_factor import log_in_through_the_form


def _seed() -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


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
