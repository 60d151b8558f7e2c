"""The demo's consequences, complaints and notification: believable, gentle, idempotent."""

import pytest

from safeguarding.models import Complaint, Consequence, Notification, NotificationRecipient
from tests.utils import seed_demo


def _counts():
    return tuple(m.objects.count() for m in (Consequence, Complaint, Notification, NotificationRecipient))


@pytest.mark.django_db
def test_the_demo_has_consequences_a_childs_complaint_and_a_notification():
    seed_demo()
    counts = _counts()
    seed_demo()
    assert _counts() == counts
    assert Consequence.objects.exclude(child_view="").count() >= 2
    child_complaint = Complaint.objects.get(complainant=Complaint.Complainant.CHILD)
    assert child_complaint.status == Complaint.Status.CLOSED and child_complaint.satisfied == "yes"
    assert child_complaint.advocate
    notification = Notification.objects.get()
    recipients = list(notification.recipients.all())
    assert recipients and all(r.sent_at and r.sent_at <= notification.due_at for r in recipients)
