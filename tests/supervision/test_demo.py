import datetime

import pytest

from homes.models import Home, User
from supervision.models import Attendance, SupervisionSession, TrainingRecord, WellbeingCheckIn
from supervision.services.compliance import compliance_summary, last_months
from supervision.services.training import status_counts, training_matrix
from tests.utils import seed_demo


def _counts():
    return tuple(
        model.objects.count() for model in (User, SupervisionSession, Attendance, TrainingRecord, WellbeingCheckIn)
    )


@pytest.mark.django_db
def test_demo_is_idempotent_and_realistic():
    seed_demo()
    counts = _counts()
    seed_demo()
    assert _counts() == counts

    willow, rowan = Home.objects.get(name="Willow House"), Home.objects.get(name="Rowan Lodge")
    start, end = last_months()
    for home in (willow, rowan):
        summary = compliance_summary(home, start, end, wellbeing=True)
        # A year of supervision for everyone who has been there a year (not the recent starter),
        # and some overdue today.
        year_ago = end - datetime.timedelta(days=365)
        assert all(row.last_supervised for row in summary.staff if row.started_on <= year_ago)
        assert summary.overdue
        assert len(summary.overdue) < len(summary.staff)
        counts = status_counts(training_matrix([home])[home.pk])
        assert counts["expired"] and counts["expiring"] and counts["current"]
    assert SupervisionSession.objects.filter(kind__in=SupervisionSession.GROUP_KINDS).exists()
    first = SupervisionSession.objects.order_by("held_on").first().held_on
    assert (end - first).days > 330
    # Enough people check in at Willow House for the aggregate to show; not at Rowan Lodge.
    assert any(month.shown for month in compliance_summary(willow, start, end, wellbeing=True).wellbeing)
    assert not any(month.shown for month in compliance_summary(rowan, start, end, wellbeing=True).wellbeing)
