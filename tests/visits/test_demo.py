import datetime

import pytest
from django.utils import timezone

from homes.demo import DEMO_PASSWORD
from homes.extensions import tasks_for
from homes.models import Home, User
from tests.second_factor import log_in_through_the_form
from tests.utils import seed_demo
from visits.models import Recommendation, VisitReport
from visits.wiring import ACTION_TASK


@pytest.mark.django_db
def test_the_demo_visitor_has_six_signed_reports_and_tracked_responses():
    seed_demo()
    counts = (VisitReport.objects.count(), Recommendation.objects.count())
    seed_demo()
    assert (VisitReport.objects.count(), Recommendation.objects.count()) == counts
    visitor = User.objects.get(email="visitor@hearth.example")
    assert not visitor.memberships.exists() and not visitor.provider_role
    reports = VisitReport.objects.filter(visit__visitor=visitor, visit__home=Home.objects.get(name="Willow House"))
    assert reports.count() == 6 and all(report.is_signed and report.sent_to_ofsted_on for report in reports)
    today = timezone.localdate()
    open_actions = Recommendation.objects.filter(report__in=reports, done_on__isnull=True)
    assert Recommendation.objects.filter(report__in=reports, done_on__isnull=False).count() == 4
    assert sorted(action.due_on < today for action in open_actions) == [False, True]  # one open, one overdue
    overdue = open_actions.get(due_on__lt=today)
    assert ACTION_TASK in [task.kind for task in tasks_for(overdue.owner, today + datetime.timedelta(days=1))]
    from django.test import Client

    assert log_in_through_the_form(Client(), visitor.email, DEMO_PASSWORD) == "/"
