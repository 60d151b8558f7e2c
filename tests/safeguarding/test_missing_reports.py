"""Missing episodes and body maps in the monthly tracker and the inspector evidence pack."""

import csv
import datetime
import io

from django.utils import timezone

from children import extensions
from safeguarding import missing_reports
from tests.factories import ChildFactory
from tests.safeguarding.missing_factories import (
    BodyMarkFactory,
    MissingEpisodeFactory,
    ReturnInterviewFactory,
    returned,
)


def _month(months_ago: int = 0) -> datetime.date:
    from homes.dates import add_months

    return add_months(timezone.localdate().replace(day=1), -months_ago)


def _at(month: datetime.date, day: int = 10, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(month.replace(day=day), datetime.time(hour)))


def _episode(child, month, **fields):
    last_seen = _at(month)
    episode = MissingEpisodeFactory(child=child, last_seen_at=last_seen, **fields)
    return returned(episode, at=last_seen + datetime.timedelta(hours=5))


def test_the_months_section_lists_episodes_with_interviews_and_a_six_month_chart(child):
    child.admission_date = _month(8)
    child.save()
    last = _month(1)
    ReturnInterviewFactory(episode=_episode(child, last), changes="Family time with her cousin")
    _episode(child, last, risk_level="high")
    _episode(child, _month(3))
    _episode(child, _month(7))  # outside the six months
    shown = dict((section.name, data) for section, data in extensions.month_sections_for(child, last))
    data = shown["missing-and-body-maps"]
    assert len(data["episodes"]) == 2
    assert [value for _, value in data["chart_rows"]] == [0, 0, 0, 1, 0, 2]
    assert data["episodes"][0].lasted == "3 h 30 min"  # noticed 90 minutes after last seen, back 5 h after it
    assert data["episodes"][0].interview.changes == "Family time with her cousin"


def test_the_section_draws_the_months_body_maps_and_stays_out_when_there_is_nothing(child):
    assert missing_reports.month_context(child, _month(0)) is None
    mark = BodyMarkFactory(body_map__child=child)
    data = missing_reports.month_context(child, timezone.localdate(mark.body_map.seen_at).replace(day=1))
    assert [m.pk for m in data["body_maps"]] == [mark.body_map_id]
    assert data["body_maps"][0].drawing[0].marks[0].words == "1: bruise on the right forearm"


def test_the_section_costs_the_same_however_many_records(child, django_assert_max_num_queries):
    month = timezone.localdate(timezone.now() - datetime.timedelta(hours=3)).replace(day=1)
    for _ in range(4):
        BodyMarkFactory.create_batch(2, body_map__child=child)
    with django_assert_max_num_queries(4):
        missing_reports.month_context(child, month)


def test_the_evidence_pack_holds_the_missing_log_and_the_body_maps(monkeypatch, home, child):
    ReturnInterviewFactory(
        episode=_episode(child, _month(1), police_told_at=_at(_month(1), hour=17), police_reference="=HYPERLINK()"),
        child_account="Something only for her record",
    )
    _episode(ChildFactory(home=home, preferred_name="Sam"), _month(1))
    _episode(ChildFactory(), _month(1))  # another home's
    BodyMarkFactory(body_map__child=child)
    rendered = []
    monkeypatch.setattr(missing_reports, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF")
    files = dict(missing_reports.evidence_files(home, _month(2), timezone.localdate()))
    assert set(files) == {"missing-from-care-log.csv", "missing-from-care-and-body-maps.pdf"}
    rows = list(csv.reader(io.StringIO(files["missing-from-care-log.csv"].decode("utf-8-sig"))))
    assert rows[0] == missing_reports.LOG_HEADER
    assert sorted(row[0] for row in rows[1:]) == ["Sam", "Siobhán"]
    siobhan = next(row for row in rows if row[0] == "Siobhán")
    assert siobhan[6] == "'=HYPERLINK()"  # neutralised against formulas
    assert siobhan[13] == "yes"
    html = rendered[0]
    assert "2 missing episodes, 2 children involved" in html
    assert "Something only for her record" not in html
    assert 'class="body-map-mark"' in html and "Mark 1: bruise on the right forearm" in html


def test_a_period_with_nothing_adds_no_files(home, child):
    _episode(child, _month(3))
    assert list(missing_reports.evidence_files(home, _month(1), timezone.localdate())) == []


def test_the_tracker_page_shows_the_section(client_for, manager, child):
    from django.urls import reverse

    from tests.tracker.factories import LAST_MONTH, TrackerFactory

    child.admission_date = _month(8)
    child.save()
    _episode(child, LAST_MONTH, last_seen_details="x")
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    page = client_for(manager).get(reverse("tracker_detail", args=[tracker.pk])).text
    assert "Missing from care and body maps" in page
    assert "Times Siobhán went missing, last six months" in page
