import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ChildFactory
from tests.tracker.factories import LAST_MONTH, MeetingFactory, TrackerFactory
from tracker.models import MonthlyTracker, ReviewReport
from tracker.months import first_of, meeting_due_by, next_month
from tracker.panels import latest_overdue_month
from tracker.services.report import report_build, report_enqueue
from tracker.views.home_month import MONTH_NOT_BEGUN


def month_url(name, home, month=LAST_MONTH):
    return reverse(name, args=[home.pk, month])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _child_with_a_signed_month(home, manager, assessor):
    child = ChildFactory(home=home, assessor=assessor)
    tracker = TrackerFactory(child=child)
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=timezone.now())
    ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD, status="failed", error="x")
    return child


@pytest.mark.parametrize("persona", ["manager", "assessor", "clinical_lead"])
def test_the_home_month_query_count_does_not_grow_with_children(request, client_for, home, manager, assessor, persona):
    client = client_for(request.getfixturevalue(persona))
    url = month_url("home_month", home)
    _child_with_a_signed_month(home, manager, assessor)
    few = _queries(client, url)
    for _ in range(3):
        _child_with_a_signed_month(home, manager, assessor)
    ChildFactory(home=home)  # no tracker yet
    assert _queries(client, url) == few


def test_the_home_month_shows_each_child_and_what_is_overdue(client_for, manager, assessor, home, tracker):
    waiting = ChildFactory(home=home, preferred_name="Zoë", assessor=assessor)
    MeetingFactory(tracker=TrackerFactory(child=waiting), manager=manager, assessor=assessor)
    ChildFactory(home=home, preferred_name="Kacper")
    page = client_for(manager).get(month_url("home_month", home)).text
    assert "Siobhán" in page and "Zoë" in page and "Kacper" in page
    assert "Not signed by both" in page
    assert "not opened" in page and "Open 1 missing tracker" in page
    overdue = timezone.localdate() > meeting_due_by(LAST_MONTH)
    assert ("Overdue" in page) == overdue


def test_a_meeting_not_held_by_the_20th_is_overdue(client_for, manager, home, child):
    two_months_ago = LAST_MONTH.replace(day=1) - datetime.timedelta(days=1)
    month = first_of(two_months_ago)
    TrackerFactory(child=child, month=month)
    page = client_for(manager).get(month_url("home_month", home, month)).text
    assert "Overdue" in page


def test_the_month_under_review_is_the_last_closed_one(client_for, manager, home):
    response = client_for(manager).get(reverse("home_reviews", args=[home.pk]))
    assert response.url == month_url("home_month", home)


def test_a_manager_opens_the_missing_trackers(client_for, manager, home, child):
    client_for(manager).post(month_url("home_month_open", home))
    assert MonthlyTracker.objects.filter(child=child, month=LAST_MONTH).exists()


def test_the_homes_assessor_cannot_open_trackers(client_for, assessor, home, child):
    assert client_for(assessor).post(month_url("home_month_open", home)).status_code == 403
    assert not MonthlyTracker.objects.exists()


def test_months_not_begun_cannot_be_opened_or_built(client_for, manager, home, child):
    future = next_month(first_of(timezone.localdate()))
    response = client_for(manager).post(month_url("home_month_open", home, future), follow=True)
    assert MONTH_NOT_BEGUN.format(month=f"{future:%B %Y}") in response.text
    client_for(manager).post(month_url("home_month_build_packs", home, future))
    assert not MonthlyTracker.objects.exists()


def test_build_all_packs_then_the_progress_says_n_of_n(
    client_for, manager, assessor, home, child, django_capture_on_commit_callbacks
):
    ChildFactory(home=home)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(month_url("home_month_build_packs", home))
    assert response.status_code == 302 and response.url.endswith("#packs")
    assert client.get(month_url("home_month_progress", home)).json() == {
        "total": 2,
        "ready": 0,
        "failed": 0,
        "waiting": 0,
        "done": False,
    }
    page = client.get(month_url("home_month", home)).text
    assert "0 of 2 ready" in page and 'data-was-done="false"' in page
    for callback in queued:
        callback()
    progress = client.get(month_url("home_month_progress", home))
    assert progress.json() == {"total": 2, "ready": 2, "failed": 0, "waiting": 0, "done": True}
    assert progress["Cache-Control"].startswith("max-age=0")
    assert "2 of 2 ready" in client.get(month_url("home_month", home)).text


def test_build_all_skips_signed_months(client_for, manager, home, tracker, django_capture_on_commit_callbacks):
    report = report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)
    tracker.locked_at = timezone.now()
    tracker.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(month_url("home_month_build_packs", home))
    report.refresh_from_db()
    assert report.attempts == 1


def test_build_all_builds_what_a_signed_month_is_missing(
    client_for, manager, home, tracker, django_capture_on_commit_callbacks
):
    tracker.locked_at = timezone.now()  # signed without PDFs, as the demo's older months are
    tracker.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(month_url("home_month_build_packs", home))
    reports = {r.kind: r.status for r in ReviewReport.objects.filter(tracker=tracker)}
    assert reports == {ReviewReport.Kind.MEETING_PACK: "ready", ReviewReport.Kind.REVIEW_RECORD: "ready"}


def test_the_page_polls_with_a_script_that_needs_no_framework(client_for, manager, home):
    page = client_for(manager).get(month_url("home_month", home)).text
    assert 'src="/static/js/pack-progress.js"' in page
    assert f'data-progress-url="{month_url("home_month_progress", home)}"' in page


# --- the dashboard panel and the child's page ------------------------------------------------


def test_latest_overdue_month():
    assert latest_overdue_month(datetime.date(2026, 11, 20)) == datetime.date(2026, 9, 1)
    assert latest_overdue_month(datetime.date(2026, 11, 21)) == datetime.date(2026, 10, 1)
    assert latest_overdue_month(datetime.date(2027, 1, 2)) == datetime.date(2026, 11, 1)


def test_the_dashboard_shows_overdue_and_unsigned_reviews(client_for, manager, assessor, staff, home, child):
    old = TrackerFactory(child=child, month=latest_overdue_month(timezone.localdate()))
    other = ChildFactory(home=home, preferred_name="Zoë", assessor=assessor)
    signing = TrackerFactory(child=other)
    MeetingFactory(tracker=signing, manager=manager, assessor=assessor)
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Monthly reviews needing attention" in page
    assert reverse("tracker_detail", args=[old.pk]) in page and "Meeting overdue" in page
    assert reverse("tracker_detail", args=[signing.pk]) in page and "Not signed by both" in page
    assert "Monthly reviews needing attention" not in client_for(staff).get(reverse("dashboard")).text


def _overdue_months(child, count):
    month = latest_overdue_month(timezone.localdate())
    trackers = []
    for _ in range(count):
        trackers.append(TrackerFactory(child=child, month=month))
        month = first_of(month - datetime.timedelta(days=1))
    return trackers


@pytest.mark.parametrize("persona", ["administrator", "clinical_lead"])
def test_provider_wide_dashboards_count_reviews_per_home_and_list_no_tracker(
    request, client_for, home, other_home, manager, assessor, persona
):
    """Issue 14: forty homes' overdue months listed one by one made these dashboards grow with the
    provider; they get one row per home with the counts, linking to its monthly reviews."""
    old = _overdue_months(ChildFactory(home=home, preferred_name="Zoë"), 3)
    signing = TrackerFactory(child=ChildFactory(home=other_home, preferred_name="Kacper", assessor=assessor))
    MeetingFactory(tracker=signing, manager=manager, assessor=assessor)
    client = client_for(request.getfixturevalue(persona))
    page = client.get(reverse("dashboard")).text
    panel = page[page.index('id="overdue-reviews-heading"') :]
    panel = panel[: panel.index("</section>")]
    assert reverse("home_reviews", args=[home.pk]) in panel and reverse("home_reviews", args=[other_home.pk]) in panel
    assert '<span class="badge text-bg-danger">3</span>' in panel
    assert '<span class="badge text-bg-warning">1</span>' in panel
    assert "Zoë" not in panel and "Kacper" not in panel
    assert reverse("tracker_detail", args=[old[0].pk]) not in panel
    few = _queries(client, reverse("dashboard"))
    for _ in range(3):
        _overdue_months(ChildFactory(home=other_home), 2)
    assert _queries(client, reverse("dashboard")) == few


def test_a_managers_panel_lists_the_oldest_reviews_and_counts_the_rest(client_for, manager, home):
    from tracker.panels import OVERDUE_PANEL_ROWS

    trackers = _overdue_months(ChildFactory(home=home, preferred_name="Zoë"), OVERDUE_PANEL_ROWS + 4)
    page = client_for(manager).get(reverse("dashboard")).text
    assert reverse("tracker_detail", args=[trackers[-1].pk]) + '"' in page  # the oldest
    assert reverse("tracker_detail", args=[trackers[0].pk]) + '"' not in page
    assert "4 more:" in page and f"{home.name} ({OVERDUE_PANEL_ROWS + 4})" in page


def test_the_dashboard_panel_says_when_all_is_up_to_date(client_for, manager, child):
    assert "Every monthly review is up to date." in client_for(manager).get(reverse("dashboard")).text


def test_the_dashboard_query_count_does_not_grow_with_reviews(client_for, manager, assessor, home):
    client = client_for(manager)
    _child_with_a_signed_month(home, manager, assessor)
    few = _queries(client, reverse("dashboard"))
    for _ in range(3):
        _child_with_a_signed_month(home, manager, assessor)
    assert _queries(client, reverse("dashboard")) == few


def test_the_childs_monthly_reviews_tab_lists_them(client_for, staff, tracker):
    page = client_for(staff).get(reverse("child_reviews", args=[tracker.child.pk])).text
    assert "Monthly reviews" in page and reverse("tracker_detail", args=[tracker.pk]) in page


def test_the_dashboard_panel_links_each_home_reviewed(client_for, manager, home, other_home):
    page = client_for(manager).get(reverse("dashboard")).text
    assert reverse("home_reviews", args=[home.pk]) in page
    assert reverse("home_reviews", args=[other_home.pk]) not in page


def test_a_child_who_has_left_is_not_chased_for_a_meeting(client_for, manager, home, child):
    month = latest_overdue_month(timezone.localdate())
    TrackerFactory(child=child, month=month)
    child.discharge_date = timezone.localdate()
    child.discharge_destination = "Foster care"
    child.save()
    page = client_for(manager).get(month_url("home_month", home, month)).text
    assert "Siobhán" in page and "Overdue" not in page
