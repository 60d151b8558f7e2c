"""The six-month small charts of the safeguarding sections of the monthly tracker (issue 10, item 9):
physical interventions (how many, and their minutes), complaints and consequences beside the
incidents and missing episodes, each one query whatever the months hold, with the numbers in words
for screen readers, on the tracker page and in the meeting pack."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from children.extensions import month_sections
from homes.dates import add_months
from safeguarding import month_charts
from tests.safeguarding.incident_factories import allegation, make_hold, make_incident, physical_intervention
from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory
from tests.tracker.factories import LAST_MONTH, TrackerFactory
from tracker.models import ReviewReport
from tracker.pdf import render_report_html


def _at(month: datetime.date, day: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(month.replace(day=day), datetime.time(18, 0)))


def _months_back(count: int) -> datetime.date:
    return add_months(LAST_MONTH, -count)


def _values(spark) -> list[float]:
    return [value for _, value in spark["rows"]]


def _hold(child, staff, month, minutes, **extra):
    incident = make_incident(
        child,
        author=staff,
        categories=[physical_intervention(), *extra.pop("more", [])],
        occurred_at=_at(month),
        **extra,
    )
    return make_hold(incident, child, minutes=minutes)


def test_six_months_end_with_the_month_under_review():
    months = month_charts.six_months(datetime.date(2026, 3, 1))
    assert months == [
        datetime.date(2025, 10, 1),
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]


def test_physical_interventions_are_charted_by_count_and_minutes(child, staff, manager):
    _hold(child, staff, _months_back(2), 6)
    _hold(child, staff, LAST_MONTH, 4)
    _hold(child, staff, LAST_MONTH, 10)
    _hold(child, staff, _months_back(6), 30)  # seven months back: out of the chart
    data = month_sections["incidents"].context(child, LAST_MONTH)
    holds, minutes = data["hold_charts"]
    assert _values(holds) == [0, 0, 0, 1, 0, 2]
    assert _values(minutes) == [0, 0, 0, 6, 0, 14]
    assert [bar.label for bar in minutes["chart"]["bars"]][-1] == "14"


def test_a_hold_in_an_allegation_stays_out_of_the_chart(child, staff, manager):
    _hold(child, staff, LAST_MONTH, 4)
    incident = make_incident(
        child,
        author=manager,
        categories=[physical_intervention(), allegation()],
        allegation_against=[staff],
        occurred_at=_at(LAST_MONTH, 12),
    )
    make_hold(incident, child, minutes=7, author=manager, held_by=[manager])
    holds, minutes = month_sections["incidents"].context(child, LAST_MONTH)["hold_charts"]
    assert _values(holds)[-1] == 1 and _values(minutes)[-1] == 4


def _queries(section, child) -> int:
    with CaptureQueriesContext(connection) as queries:
        section.context(child, LAST_MONTH)
    return len(queries)


def test_each_series_is_one_query_however_many_months_hold_records(child, staff):
    _hold(child, staff, LAST_MONTH, 4)
    ConsequenceFactory(child=child, happened_at=_at(LAST_MONTH))
    ComplaintFactory(child=child, received_at=_at(LAST_MONTH))
    sections = [month_sections[name] for name in ("incidents", "consequences", "complaints")]
    before = [_queries(section, child) for section in sections]
    for back in range(1, 6):
        _hold(child, staff, _months_back(back), 5)
        ConsequenceFactory(child=child, happened_at=_at(_months_back(back)))
        ComplaintFactory(child=child, received_at=_at(_months_back(back)))
    assert [_queries(section, child) for section in sections] == before


def test_consequences_and_complaints_are_charted_even_in_a_quiet_month(child):
    ConsequenceFactory(child=child, happened_at=_at(_months_back(3)))
    ConsequenceFactory(child=child, happened_at=_at(_months_back(3), 20))
    ComplaintFactory(child=child, received_at=_at(_months_back(1)))
    consequences = month_sections["consequences"].context(child, LAST_MONTH)
    assert consequences["items"] == [] and _values(consequences["spark"]) == [0, 0, 2, 0, 0, 0]
    complaints = month_sections["complaints"].context(child, LAST_MONTH)
    assert complaints["items"] == [] and _values(complaints["spark"]) == [0, 0, 0, 0, 1, 0]


def test_nothing_in_six_months_leaves_the_sections_out(child):
    ConsequenceFactory(child=child, happened_at=_at(_months_back(6)))
    assert month_sections["consequences"].context(child, LAST_MONTH) is None
    assert month_sections["complaints"].context(child, LAST_MONTH) is None


def test_the_meeting_pack_draws_every_chart_with_its_numbers_in_words(child, staff):
    _hold(child, staff, LAST_MONTH, 4)
    ConsequenceFactory(child=child, happened_at=_at(LAST_MONTH))
    ComplaintFactory(child=child, received_at=_at(_months_back(1)))
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    report = ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    html = render_report_html(report.pk)
    name = child.preferred_name
    for title in (
        f"Incidents involving {name}, six months to",
        f"Physical interventions with {name}, six months to",
        f"Minutes of physical intervention with {name}, six months to",
        f"Consequences, {name}, six months to",
        f"Complaints, {name}, six months to",
    ):
        assert title in html, title
    assert f"{LAST_MONTH:%b %Y} 4," in html or f"{LAST_MONTH:%b %Y} 4<" in html  # the minutes, in the title
    assert html.count('class="visually-hidden"') >= 4
