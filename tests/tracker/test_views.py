import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import LAST_MONTH, MeetingFactory
from tracker.models import ReportDownload, ReviewReport
from tracker.services.report import report_build, report_enqueue

HELD_ON = min(LAST_MONTH + datetime.timedelta(days=40), timezone.localdate())


@pytest.fixture
def ready_pack(tracker):
    return report_build(report_id=report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK).pk)


@pytest.fixture
def meeting(tracker, manager, assessor):
    return MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, held_on=HELD_ON)


def url_of(name, tracker, ready_pack=None):
    home = tracker.child.home
    return {
        "tracker_detail": lambda: reverse(name, args=[tracker.pk]),
        "tracker_edit": lambda: reverse(name, args=[tracker.pk]),
        "meeting_edit": lambda: reverse(name, args=[tracker.pk]),
        "meeting_sign": lambda: reverse(name, args=[tracker.pk]),
        "tracker_build_pack": lambda: reverse(name, args=[tracker.pk]),
        "report_download": lambda: reverse(name, args=[ready_pack.pk]),
        "report_retry": lambda: reverse(name, args=[ready_pack.pk]),
        "home_reviews": lambda: reverse(name, args=[home.pk]),
        "home_month": lambda: reverse(name, args=[home.pk, LAST_MONTH]),
        "home_month_open": lambda: reverse(name, args=[home.pk, LAST_MONTH]),
        "home_month_build_packs": lambda: reverse(name, args=[home.pk, LAST_MONTH]),
        "home_month_progress": lambda: reverse(name, args=[home.pk, LAST_MONTH]),
    }[name]()


# (view, method, status for the manager, status for care staff, the method it refuses)
MATRIX = [
    ("tracker_detail", "get", 200, 200, "post"),
    ("tracker_edit", "get", 200, 403, "put"),
    ("tracker_edit", "post", 200, 403, "put"),  # an empty post carries no revision: shown again
    ("meeting_edit", "get", 200, 403, "put"),
    ("meeting_edit", "post", 200, 403, "put"),
    ("meeting_sign", "post", 302, 403, "get"),
    ("tracker_build_pack", "post", 302, 403, "get"),
    ("report_download", "get", 200, 403, "post"),
    ("report_retry", "post", 302, 403, "get"),
    ("home_reviews", "get", 302, 403, "post"),
    ("home_month", "get", 200, 403, "post"),
    ("home_month_open", "post", 302, 403, "get"),
    ("home_month_build_packs", "post", 302, 403, "get"),
    ("home_month_progress", "get", 200, 403, "post"),
]
IDS = [f"{view}-{method}" for view, method, *_ in MATRIX]


@pytest.mark.parametrize(("view", "method", "manager_status", "staff_status", "refused"), MATRIX, ids=IDS)
def test_persona_matrix(
    client_for,
    manager,
    staff,
    other_manager,
    tracker,
    meeting,
    ready_pack,
    view,
    method,
    manager_status,
    staff_status,
    refused,
):
    url = url_of(view, tracker, ready_pack)
    assert getattr(client_for(other_manager), method)(url).status_code == 404
    assert getattr(client_for(staff), method)(url).status_code == staff_status
    assert getattr(client_for(manager), refused)(url).status_code == 405
    assert getattr(client_for(manager), method)(url).status_code == manager_status


@pytest.mark.parametrize("view", ["tracker_detail", "tracker_edit", "meeting_edit", "home_month"])
def test_the_childs_assessor_prepares_the_review(client_for, assessor, tracker, view):
    assert client_for(assessor).get(url_of(view, tracker)).status_code == 200


def test_an_assessor_assigned_from_outside_the_home_reaches_the_childs_tracker_only(client_for, other_home, tracker):
    from homes.models import Membership
    from tests.factories import member

    visiting = member(other_home, Membership.Role.ASSESSOR)
    tracker.child.assessor = visiting
    tracker.child.save()
    client = client_for(visiting)
    assert client.get(url_of("tracker_edit", tracker)).status_code == 200
    assert client.get(url_of("home_month", tracker)).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, tracker):
    response = client.get(url_of("tracker_detail", tracker))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- the tracker page ---------------------------------------------------------------------


def test_the_tracker_page_shows_the_review_and_the_records(client_for, staff, tracker):
    tracker.child_voice = "I scored a goal at football!"
    tracker.save()
    page = client_for(staff).get(url_of("tracker_detail", tracker)).text
    assert "Siobhán" in page and "I scored a goal at football!" in page
    assert f"Records dated in {LAST_MONTH:%B %Y}" in page
    assert reverse("tracker_edit", args=[tracker.pk]) not in page


def test_care_staff_read_the_tracker_but_do_not_download_its_pdfs(client_for, staff, tracker, ready_pack):
    page = client_for(staff).get(url_of("tracker_detail", tracker)).text
    assert "Ready" in page and reverse("report_download", args=[ready_pack.pk]) not in page


def test_recording_the_review(client_for, manager, tracker):
    data = {
        "psychotherapy_progress": "Attending weekly; talking more about her mum.",
        "education_progress": "Full attendance.",
        "child_voice": "Year 9 is OK now.",
        "priorities": "Bedtime routine.",
        "revision": tracker.revision,
    }
    response = client_for(manager).post(url_of("tracker_edit", tracker), data)
    assert response.status_code == 302
    tracker.refresh_from_db()
    assert tracker.child_voice == "Year 9 is OK now."


def test_recording_the_meeting_over_http(client_for, manager, assessor, tracker):
    data = {"held_on": HELD_ON.isoformat(), "manager": manager.pk, "assessor": assessor.pk, "decisions": "More swims."}
    data["revision"] = 1
    response = client_for(assessor).post(url_of("meeting_edit", tracker), data)
    assert response.status_code == 302
    tracker.refresh_from_db()
    assert tracker.meeting.decisions == "More swims."


def test_a_meeting_in_the_future_is_refused_with_a_clear_message(client_for, manager, assessor, tracker):
    from tracker.models.meeting import MEETING_IN_FUTURE

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"held_on": tomorrow.isoformat(), "manager": manager.pk, "assessor": assessor.pk, "decisions": "x"}
    response = client_for(manager).post(url_of("meeting_edit", tracker), data)
    assert response.status_code == 200 and MEETING_IN_FUTURE in response.text


def test_the_meeting_form_offers_the_homes_managers_and_the_childs_assessor(client_for, manager, staff, tracker):
    page = client_for(manager).get(url_of("meeting_edit", tracker)).text
    assert manager.full_name in page and tracker.child.assessor.full_name in page
    assert staff.full_name not in page


def test_both_sign_over_http_and_the_review_locks(
    client_for, manager, assessor, tracker, meeting, django_capture_on_commit_callbacks
):
    client_for(manager).post(url_of("meeting_sign", tracker))
    page = client_for(manager).get(url_of("tracker_detail", tracker)).text
    assert "Sign the review meeting" not in page  # signed already
    assert "Sign the review meeting" in client_for(assessor).get(url_of("tracker_detail", tracker)).text
    with django_capture_on_commit_callbacks(execute=True):
        client_for(assessor).post(url_of("meeting_sign", tracker))
    tracker.refresh_from_db()
    assert tracker.is_locked
    assert tracker.reports.get(kind=ReviewReport.Kind.REVIEW_RECORD).status == ReviewReport.Status.READY
    # Locked: the forms send people back to the page, and posting changes nothing.
    client = client_for(manager)
    assert client.get(url_of("tracker_edit", tracker)).status_code == 302
    client.post(url_of("tracker_edit", tracker), {"child_voice": "rewritten"})
    tracker.refresh_from_db()
    assert tracker.child_voice != "rewritten"
    page = client.get(url_of("tracker_detail", tracker)).text
    assert "Signed and locked" in page and reverse("meeting_edit", args=[tracker.pk]) not in page


def test_someone_not_at_the_meeting_cannot_sign(client_for, deputy, tracker, meeting):
    assert client_for(deputy).post(url_of("meeting_sign", tracker)).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.any_signed


# --- downloads ------------------------------------------------------------------------------


def test_every_download_is_logged(client_for, manager, assessor, ready_pack):
    for person in (manager, assessor):
        response = client_for(person).get(reverse("report_download", args=[ready_pack.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert (
            f'filename="siobhan-{ready_pack.tracker.month:%Y-%m}-meeting-pack.pdf"' in response["Content-Disposition"]
        )
    logged = ReportDownload.objects.order_by("downloaded_at")
    assert [d.user for d in logged] == [manager, assessor]
    assert all(d.sha256 == ready_pack.sha256 for d in logged)


def test_a_report_that_is_not_ready_cannot_be_downloaded(client_for, manager, tracker):
    report = ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
    assert client_for(manager).get(reverse("report_download", args=[report.pk])).status_code == 404
    assert not ReportDownload.objects.exists()


def test_a_failed_report_is_retried_from_its_button(client_for, manager, tracker, django_capture_on_commit_callbacks):
    report = ReviewReport.objects.create(
        tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK, status=ReviewReport.Status.FAILED, error="OSError: boom"
    )
    page = client_for(manager).get(url_of("tracker_detail", tracker)).text
    assert "OSError: boom" in page and reverse("report_retry", args=[report.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(manager).post(
            reverse("report_retry", args=[report.pk]), {"next": "https://evil.example/"}
        )
    assert response.url == reverse("tracker_detail", args=[tracker.pk])
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.READY


def test_a_pdf_lost_from_storage_is_shown_as_failed_not_a_crash(client_for, manager, ready_pack):
    from homes.builds import FILE_MISSING

    ready_pack.file.storage.delete(ready_pack.file.name)
    response = client_for(manager).get(reverse("report_download", args=[ready_pack.pk]), follow=True)
    assert FILE_MISSING in response.text
    ready_pack.refresh_from_db()
    assert ready_pack.status == ReviewReport.Status.FAILED and ready_pack.can_retry
    assert not ReportDownload.objects.exists()


def test_reading_the_tracker_is_logged(client_for, staff, tracker):
    from auditlog.models import LogEntry

    client_for(staff).get(url_of("tracker_detail", tracker))
    read = LogEntry.objects.get_for_object(tracker).get(action=LogEntry.Action.ACCESS)
    assert read.actor == staff


def test_the_meeting_form_says_when_the_child_needs_an_assessor(client_for, manager, tracker):
    from tracker.models.meeting import CHILD_HAS_NO_ASSESSOR

    tracker.child.assessor = None
    tracker.child.save()
    page = client_for(manager).get(url_of("meeting_edit", tracker)).text
    assert CHILD_HAS_NO_ASSESSOR.format(child="Siobhán") in page


# --- wording (issue 13): labels say what they do, one name per thing ------------------------------

HIDDEN_FOR = '<span class="visually-hidden"> for Siobhán</span>'


def test_the_months_list_says_what_each_link_does_and_for_whom(client_for, manager, tracker, ready_pack):
    page = client_for(manager).get(url_of("home_month", tracker)).text
    assert f"Open tracker{HIDDEN_FOR}</a>" in page
    assert f"Download {LAST_MONTH:%B} meeting pack{HIDDEN_FOR}</a>" in page
    assert ">Open</a>" not in page


def test_the_review_meeting_has_one_name_on_the_tracker(client_for, manager, tracker):
    page = client_for(manager).get(url_of("tracker_detail", tracker)).text
    assert "Record the review meeting" in page and "Record progress and priorities" in page
    assert "Record the meeting" not in page and "Record the review<" not in page
    assert "Save the review meeting" in client_for(manager).get(url_of("meeting_edit", tracker)).text
