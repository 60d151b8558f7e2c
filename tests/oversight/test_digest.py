"""The morning e-mail of what is due (issue 12, item 4): sent by Celery beat, off at a person's
wish, and never carrying a child's full name or a record's content."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from oversight.models import TaskDigestOptOut
from oversight.services.tasks import send_task_digests
from tests.children.factories import CarePlanFactory, signed
from tests.utils import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_review(child, manager):
    return signed(CarePlanFactory(child=child, review_date=today() - datetime.timedelta(days=2)))


def test_the_digest_names_the_child_by_preferred_name_and_links_the_task(overdue_review, manager, settings):
    settings.HEARTH_BASE_URL = "https://hearth.example.org/"
    manager.email = "grace@example.org"
    manager.save()

    assert send_task_digests(today=today()) == 1

    [message] = mail.outbox
    assert message.to == ["grace@example.org"]
    assert "overdue" in message.subject
    assert "Care plan review: Siobhán" in message.body
    assert f"https://hearth.example.org{reverse('care_plan_detail', args=[overdue_review.pk])}" in message.body
    assert "Ní Bhriain" not in message.subject + message.body  # never the child's full name
    assert overdue_review.what_matters_to_me not in message.body  # never a record's content


def test_no_digest_when_nothing_is_due_or_no_address_or_turned_off(overdue_review, manager, staff):
    staff.email = "jess@example.org"  # nothing due for care staff here
    staff.save()
    manager.email = ""
    manager.save()
    assert send_task_digests(today=today()) == 0

    manager.email = "grace@example.org"
    manager.save()
    TaskDigestOptOut.objects.create(user=manager)
    assert send_task_digests(today=today()) == 0
    assert mail.outbox == []


def test_a_person_turns_the_digest_off_and_on(client, manager):
    manager.email = "grace@example.org"
    manager.save()
    client.force_login(manager)

    response = client.post(reverse("task_digest"), {"wanted": "no"})
    assert response.status_code == 302
    assert TaskDigestOptOut.objects.filter(user=manager).exists()
    assert b"Turn the morning e-mail on" in client.get(reverse("task_list")).content

    client.post(reverse("task_digest"), {"wanted": "yes"})
    assert not TaskDigestOptOut.objects.filter(user=manager).exists()


def test_beat_sends_the_digest_each_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["send-task-digests"]
    assert entry["task"] == "oversight.tasks.send_task_digests"
    assert entry["schedule"].hour == {6}


def test_the_celery_task_sends_the_digests(overdue_review, manager):
    from oversight.tasks import send_task_digests as task

    manager.email = "grace@example.org"
    manager.save()
    assert task.delay().get() == 1
