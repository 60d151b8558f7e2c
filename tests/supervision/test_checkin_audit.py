"""Wellbeing check-ins are in the audit log (who checked in, where, when, and any later change),
with the answer and the private note concealed: the log is read by people who may only see
monthly aggregates."""

import json

from auditlog.models import LogEntry
from django.urls import reverse

from homes.audit import CONCEALED
from supervision.models import WellbeingCheckIn

NOTE = "Struggling since the incident on Tuesday"


def test_a_check_in_is_logged_without_its_answer_or_note(client_for, home, staff):
    client_for(staff).post(reverse("wellbeing_checkin"), {"home": home.pk, "score": 2, "private_note": NOTE})
    checkin = WellbeingCheckIn.objects.get()
    entry = LogEntry.objects.get_for_object(checkin).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == staff
    assert entry.changes_dict["private_note"] == [CONCEALED, CONCEALED]
    assert entry.changes_dict["score"] == [CONCEALED, CONCEALED]
    stored = json.dumps(entry.changes) + entry.object_repr + str(entry.changes_text)
    assert NOTE not in stored and "Struggling" not in stored


def test_a_later_change_to_the_answer_shows_that_it_changed(client_for, home, staff):
    client_for(staff).post(reverse("wellbeing_checkin"), {"home": home.pk, "score": 2})
    checkin = WellbeingCheckIn.objects.get()
    checkin.score = 5
    checkin.save()
    change = LogEntry.objects.get_for_object(checkin).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict == {"score": [CONCEALED, CONCEALED]}
