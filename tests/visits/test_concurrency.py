"""Races only a database server shows: a double click on the first "Save the report"."""

import pytest
from django.db import connection

from tests.utils import at_the_same_time
from tests.visits.factories import past_visit, visitor_for
from visits import services
from visits.models import VisitReport

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises every write: nothing to race"),
]


def test_two_first_saves_make_one_report(home):
    visit = past_visit(home, visitor_for(home))

    def save(words: str):
        return lambda: services.visit_report_save(visit=visit, staff_spoken_with=[], looked_at=words).pk

    outcomes = at_the_same_time(save("Daily logs"), save("Daily logs and the garden"))
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert len(set(outcomes)) == 1 and VisitReport.objects.filter(visit=visit).count() == 1
