"""Every assessments page that shows a child's records logs the read, through `access.log_read`."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.assessments.factories import make_assessment


def reads_of(record) -> list:
    return [entry.actor for entry in LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.ACCESS)]


@pytest.mark.parametrize(
    ("url_name", "logged"),
    [
        ("assessment_list", "child"),
        ("assessment_compare", "child"),
        ("history_detail", "child"),
        ("history_edit", "child"),
        ("assessment_detail", "final"),
        ("assessment_entry", "draft"),
        ("assessment_check", "draft"),
    ],
)
def test_reading_the_page_logs_a_read(client_for, instrument, assessor, child, url_name, logged):
    records = {
        "child": child,
        "final": make_assessment(child, assessor, scores=2, final=True),
        "draft": make_assessment(child, assessor, scores={"S1": 1}),
    }
    record = records[logged]
    assert client_for(assessor).get(reverse(url_name, args=[record.pk])).status_code == 200
    assert reads_of(record) == [assessor]
