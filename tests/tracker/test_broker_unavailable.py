"""With the broker unreachable, asking for PDFs and evidence packs answers at once and honestly:
the request is kept (the row stays queued), the person is told the builder is unavailable, and
the sweep builds it once the broker is back. Real Celery publishing to a refused or silent port,
and transactional tests, so on_commit sends happen as they do in a request."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.builds import BUILDER_UNAVAILABLE, requeue_stale
from homes.dates import add_months
from homes.tasks import requeue_stale_builds
from tests.brokers import celery_broker, closed_port_url, silent_broker
from tests.factories import ChildFactory
from tests.tracker.factories import LAST_MONTH, MeetingFactory, TrackerFactory
from tracker.models import EvidencePack, ReviewReport
from tracker.services import report as report_services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("real-broker")]

PACK = ReviewReport.Kind.MEETING_PACK
# Well under what a person waits for before tapping again; the refused port answers in milliseconds.
QUICK_SECONDS = 3.0


@pytest.fixture
def children(home, staff, assessor):
    return [ChildFactory(home=home, key_worker=staff, assessor=assessor) for _ in range(3)]


def said(response) -> list[str]:
    """The messages shown at the top of the page."""
    return [str(message) for message in response.context["messages"]]


def notice_shown(response) -> bool:
    """Whether the month page's "builder unavailable" notice is visible (not `hidden`)."""
    return "data-progress-waiting>" in response.content.decode()


def build_all_packs(client, home):
    started = time.monotonic()
    response = client.post(reverse("home_month_build_packs", args=[home.pk, LAST_MONTH]), follow=True)
    return response, time.monotonic() - started


def test_build_all_packs_keeps_the_requests_and_says_the_builder_is_unavailable(client_for, home, manager, children):
    client = client_for(manager)
    with celery_broker(closed_port_url()):
        response, seconds = build_all_packs(client, home)
        progress = client.get(reverse("home_month_progress", args=[home.pk, LAST_MONTH])).json()
    assert seconds < QUICK_SECONDS
    assert said(response) == [BUILDER_UNAVAILABLE]
    assert notice_shown(response)
    assert response.content.decode().count("Waiting for the builder") == 3
    packs = ReviewReport.objects.filter(kind=PACK)
    assert packs.count() == 3
    assert all(pack.status == ReviewReport.Status.QUEUED and pack.awaiting_builder for pack in packs)
    assert progress == {"total": 3, "ready": 0, "failed": 0, "waiting": 3, "done": False}


def test_the_sweep_builds_the_kept_requests_once_the_broker_is_back(client_for, home, manager, children):
    with celery_broker(closed_port_url()):
        build_all_packs(client_for(manager), home)
    # Back to a working builder (inline here): the next sweep sends them without waiting ten minutes.
    assert requeue_stale_builds() == 3
    packs = ReviewReport.objects.filter(kind=PACK)
    assert {pack.status for pack in packs} == {ReviewReport.Status.READY}
    assert not any(pack.awaiting_builder for pack in packs)


def test_a_silent_broker_holds_up_one_send_only(client_for, home, manager, children):
    """A broker that accepts connections and never answers: the first send waits for the socket
    timeout, and the others in the request are not even tried (they wait for the sweep)."""
    with silent_broker() as url, celery_broker(url):
        response, seconds = build_all_packs(client_for(manager), home)
    assert seconds < 6  # one socket timeout (3 s), not one per child
    assert said(response) == [BUILDER_UNAVAILABLE]
    assert ReviewReport.objects.filter(awaiting_builder=True).count() == 3


def test_with_the_broker_up_the_page_says_being_built(client_for, home, manager, children, monkeypatch):
    sent = []
    monkeypatch.setattr("tracker.tasks.build_report.delay", sent.append)
    with celery_broker(closed_port_url()):
        response, _ = build_all_packs(client_for(manager), home)
    assert said(response) == ["The meeting packs are being built."]
    assert not notice_shown(response)
    assert len(sent) == 3 and not ReviewReport.objects.filter(awaiting_builder=True).exists()


def test_a_pack_waiting_for_the_builder_can_be_tried_again_and_is_then_sent(client_for, home, manager, children):
    client = client_for(manager)
    tracker = TrackerFactory(child=children[0], month=add_months(LAST_MONTH, -1))
    with celery_broker(closed_port_url()):
        first = client.post(reverse("tracker_build_pack", args=[tracker.pk]), follow=True)
    assert said(first) == [BUILDER_UNAVAILABLE]
    report = ReviewReport.objects.get(tracker=tracker)
    assert report.is_awaiting_builder and report.can_retry
    response = client.post(reverse("report_retry", args=[report.pk]), follow=True)
    assert said(response) == ["The meeting pack is being built again."]
    report.refresh_from_db()
    assert report.status == ReviewReport.Status.READY and not report.awaiting_builder


def test_signing_the_review_with_the_broker_down_says_the_record_waits(client_for, home, manager, assessor, children):
    tracker = TrackerFactory(child=children[0], month=LAST_MONTH)
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, manager_signed_at=timezone.now())
    with celery_broker(closed_port_url()):
        response = client_for(assessor).post(reverse("meeting_sign", args=[tracker.pk]), follow=True)
    assert said(response) == ["Both have signed: the review is locked.", BUILDER_UNAVAILABLE]
    assert ReviewReport.objects.get(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD).is_awaiting_builder


def test_an_evidence_pack_asked_for_with_the_broker_down_is_kept(client_for, home, manager, monkeypatch):
    from homes import extensions

    monkeypatch.setattr(extensions, "evidence_sections", {})
    client = client_for(manager)
    period = {"period_start": LAST_MONTH, "period_end": timezone.localdate()}
    with celery_broker(closed_port_url()):
        started = time.monotonic()
        response = client.post(reverse("evidence_list", args=[home.pk]), period, follow=True)
        seconds = time.monotonic() - started
    assert seconds < QUICK_SECONDS
    assert said(response) == [BUILDER_UNAVAILABLE]
    assert "Waiting for the builder" in response.content.decode()
    pack = EvidencePack.objects.get()
    assert pack.status == EvidencePack.Status.QUEUED and pack.awaiting_builder
    # The builder is back (inline here): the sweep builds it.
    assert requeue_stale_builds() == 1
    pack.refresh_from_db()
    assert pack.status == EvidencePack.Status.READY


def test_a_failed_send_does_not_count_as_a_lost_build_for_ten_minutes(home, children):
    """The sweep picks up a refused send at once, and leaves a queued one that was sent alone."""
    sent_ok = TrackerFactory(child=children[0])
    refused = TrackerFactory(child=children[1])
    ReviewReport.objects.create(tracker=sent_ok, kind=PACK)
    waiting = ReviewReport.objects.create(tracker=refused, kind=PACK, awaiting_builder=True)
    assert requeue_stale(report_services.BUILD_TASK) == 1
    waiting.refresh_from_db()
    assert waiting.status == ReviewReport.Status.READY
    assert ReviewReport.objects.get(tracker=sent_ok).status == ReviewReport.Status.QUEUED
