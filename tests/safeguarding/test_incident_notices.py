"""Incidents in the notifications and Annex A (issue 10, items 6 and 9): an incident whose
categories may meet Regulation 40 prompts the manager once countersigned; a notification starts
from it; Annex A counts its holds and the children held, and exploitation concerns."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.models import Incident
from safeguarding.notify_sources import notification_prompt
from tests.safeguarding.incident_factories import category, damage, make_hold, make_incident, physical_intervention
from tests.safeguarding.test_annex_a import _table
from tests.utils import today

pytestmark = pytest.mark.django_db


def test_police_called_and_exploitation_prompt_their_categories(child):
    incident = make_incident(child, categories=[category(name="Police called"), category(name="Exploitation concern")])
    assert {c.code for c in notification_prompt(incident)} == {"police-serious", "sexual-exploitation"}
    assert notification_prompt(make_incident(child, categories=[damage()])) == []


def test_the_manager_sees_the_prompt_once_countersigned_and_notifies_from_it(client_for, child, manager):
    incident = make_incident(child, categories=[category(name="Police called")])
    client = client_for(manager)
    assert "Regulation 40" not in client.get(reverse("incident_detail", args=[incident.pk])).text.split("<main")[-1]
    Incident.objects.filter(pk=incident.pk).update(countersigned_at=timezone.now(), countersigned_by=manager)
    page = client.get(reverse("incident_detail", args=[incident.pk])).text
    assert "This may need a Regulation 40 notification" in page
    start = client.get(
        reverse("notification_add", args=[child.home_id]), {"from": "safeguarding.incident", "source_id": incident.pk}
    )
    assert start.status_code == 200
    assert "involving 1 child" in start.text
    assert child.legal_name not in start.text


def test_annex_a_counts_holds_and_the_children_held(child, home):
    incident = make_incident(child, categories=[physical_intervention()])
    make_hold(incident, child)
    make_hold(incident, child, started_at=incident.occurred_at + datetime.timedelta(minutes=20))
    table = _table(home, today() - datetime.timedelta(days=30), today())
    assert table["Incidents of restraint"] == (2, 1)


def test_an_exploitation_concern_puts_the_child_at_risk_in_annex_a(child, home):
    make_incident(child, categories=[category(name="Exploitation concern")])
    table = _table(home, today() - datetime.timedelta(days=30), today())
    assert table["Children at risk of exploitation"][1] == 1 or table["Children at risk of exploitation"][0] == 1
