"""Regulation 40 notifications: categories seeded from the regulation, Ofsted with the home's
URN and the child's placing authority and social worker to tell, what was sent (as sent), when,
by whom and how, the 24-hour clock, a text with no more of the child's record than needed, a
printable page and a PDF built by a worker, and who may see it."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.extensions import tasks_for
from safeguarding import notices
from safeguarding.models import Notification, NotificationCategory, NotificationPdf, NotificationRecipient
from safeguarding.models.notifications import CATEGORY_NEEDS_CHILD, KNOWN_BEFORE_EVENT, SENT_BEFORE_KNOWN
from safeguarding.services import notification_pdf
from safeguarding.services.notifications import (
    ALREADY_NOTIFIED,
    ALREADY_SENT,
    notification_record_sent,
    notification_start,
    notification_state,
    notification_text,
)
from tests.safeguarding.notices_factories import category, make_notification
from tests.utils import count_queries

Kind = NotificationRecipient.Kind


@pytest.fixture
def child(home, staff):
    from tests.factories import ChildFactory

    return ChildFactory(
        home=home,
        preferred_name="Siobhán",
        legal_name="Siobhán Mary Ní Bhriain",
        key_worker=staff,
        placing_authority="Calderdale Council",
        social_worker_name="Amira Shah",
    )


@pytest.mark.django_db
def test_the_categories_are_seeded_from_regulation_40():
    codes = dict(NotificationCategory.objects.values_list("code", "regulation"))
    assert codes["death"] == "Regulation 40(1)"
    assert codes["barring-referral"] == "Regulation 40(3)"
    assert codes["sexual-exploitation"] == "Regulation 40(4)(a)"
    assert codes["police-serious"] == "Regulation 40(4)(b)"
    assert codes["allegation"] == "Regulation 40(4)(c)"
    assert {"child-protection-enquiry", "serious-illness-or-accident"} <= set(codes)
    assert NotificationCategory.objects.get(code="allegation").is_allegation


def test_recipients_are_ofsted_with_the_urn_the_placing_authority_and_the_social_worker(child, manager):
    notification = make_notification(child, by=manager)
    recipients = {r.kind: r.name for r in notification.recipients.all()}
    assert child.home.ofsted_urn in recipients[Kind.OFSTED]
    assert recipients[Kind.PLACING_AUTHORITY] == "Calderdale Council"
    assert recipients[Kind.SOCIAL_WORKER] == "Amira Shah"
    assert all(r.sent_at is None for r in notification.recipients.all())


def test_the_24_hour_clock_runs_from_when_the_home_knew(child, manager):
    notification = make_notification(child, by=manager, known_hours_ago=3)
    assert notification.due_at == notification.known_at + datetime.timedelta(hours=24)
    assert notification_state(notification, now=notification.known_at + datetime.timedelta(hours=23)) == "due"
    assert notification_state(notification, now=notification.known_at + datetime.timedelta(hours=25)) == "overdue"


def test_sent_within_24_hours_or_late(child, manager):
    notification = make_notification(child, by=manager, known_hours_ago=30)
    recipients = list(notification.recipients.all())
    for recipient in recipients[:-1]:
        notification_record_sent(
            recipient=recipient,
            sent_by=manager,
            sent_at=notification.known_at + datetime.timedelta(hours=2),
            method=NotificationRecipient.Method.EMAIL,
        )
    notification_record_sent(
        recipient=recipients[-1], sent_by=manager, sent_at=timezone.now(), method="phone", reference="PA-1"
    )
    notification = Notification.objects.prefetch_related("recipients").get(pk=notification.pk)
    assert notification_state(notification) == "sent late"
    late = NotificationRecipient.objects.get(pk=recipients[-1].pk)
    assert late.on_time is False and late.reference == "PA-1" and late.sent_by == manager


def test_what_was_sent_is_kept_as_it_was_sent(child, manager):
    from safeguarding.services.notifications import notification_edit

    notification = make_notification(child, by=manager)
    ofsted = notification.recipients.get(kind=Kind.OFSTED)
    notification_record_sent(recipient=ofsted, sent_by=manager, sent_at=timezone.now(), method="online_form")
    notification = Notification.objects.get(pk=notification.pk)
    notification_edit(notification=notification, user=manager, revision=notification.revision, summary="Corrected")
    ofsted.refresh_from_db()
    assert "Police called after a fight" in ofsted.sent_text and "Corrected" not in ofsted.sent_text
    with pytest.raises(ValidationError, match=ALREADY_SENT):
        notification_record_sent(recipient=ofsted, sent_by=manager, sent_at=timezone.now(), method="email")


def test_it_cannot_be_sent_before_the_home_knew(child, manager):
    notification = make_notification(child, by=manager)
    with pytest.raises(ValidationError) as refused:
        notification_record_sent(
            recipient=notification.recipients.first(),
            sent_by=manager,
            sent_at=notification.known_at - datetime.timedelta(hours=1),
            method="email",
        )
    assert refused.value.message_dict["sent_at"] == [SENT_BEFORE_KNOWN]


def test_times_and_the_child_are_checked(child, manager, home):
    with pytest.raises(ValidationError) as refused:
        make_notification(child, by=manager, known_at=timezone.now() - datetime.timedelta(days=2))
    assert refused.value.message_dict["known_at"] == [KNOWN_BEFORE_EVENT]
    with pytest.raises(ValidationError) as refused:
        make_notification(child, by=manager, without_child=True)
    assert refused.value.message_dict["child"] == [CATEGORY_NEEDS_CHILD]


def test_the_text_holds_what_the_notification_needs_and_no_more(child, manager):
    notification = make_notification(child, by=manager)
    text = notification_text(notification)
    assert child.home.ofsted_urn in text and "Regulation 40(4)(b)" in text
    assert "S.M.N.B." in text and f"{child.date_of_birth:%-d %B %Y}" in text
    assert "Calderdale Council" in text and "Police called after a fight" in text
    # Not the child's names, nor anything else from their record.
    assert "Siobhán" not in text and "Bhriain" not in text and "Amira" not in text


def test_a_record_is_notified_at_most_once_per_category(child, manager):
    source = child  # any record: the link is generic
    make_notification(child, by=manager, source=source)
    with pytest.raises(ValidationError, match=ALREADY_NOTIFIED):
        make_notification(child, by=manager, source=source)
    make_notification(child, by=manager, source=source, category=category("child-protection-enquiry"))
    assert Notification.objects.filter(source_id=child.pk).count() == 2


def test_the_generic_link_points_back_at_its_source(child, manager):
    notification = make_notification(child, by=manager, source=child)
    assert Notification.objects.get(pk=notification.pk).source == child


# --- visibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["manager", "deputy", "administrator"])
def test_managers_and_the_responsible_individual_see_notifications(request, client_for, child, person):
    notification = make_notification(child)
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("notification_detail", args=[notification.pk])).status_code == 200
    assert client.get(reverse("notification_list", args=[child.home_id])).status_code == 200


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead"])
def test_others_do_not(request, client_for, child, person):
    notification = make_notification(child)
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("notification_detail", args=[notification.pk])).status_code == 404


def test_an_allegation_is_never_visible_to_the_person_it_is_about(client_for, home, manager, deputy, child):
    allegation = make_notification(
        child, by=manager, code="allegation", about_staff=deputy, without_child=True, summary="An allegation."
    )
    client = client_for(deputy)
    assert client.get(reverse("notification_detail", args=[allegation.pk])).status_code == 404
    assert (
        reverse("notification_detail", args=[allegation.pk])
        not in client.get(reverse("notification_list", args=[home.pk])).text
    )
    assert not access.notifications_for(deputy, Notification.objects.all()).exists()
    assert not [t for t in tasks_for(deputy, timezone.localdate()) if t.url.endswith(f"/{allegation.pk}/")]
    assert client_for(manager).get(reverse("notification_detail", args=[allegation.pk])).status_code == 200


def test_an_allegation_stays_out_of_the_childs_chronology(child, manager, deputy):
    make_notification(child, by=manager, code="allegation", about_staff=deputy)
    make_notification(child, by=manager)
    entries = list(notices.notification_entries(child, None, None))
    assert [e.title for e in entries] == ["Notified (Regulation 40): A serious incident involving the police"]


# --- views -------------------------------------------------------------------------------------


def form_data(child, **overrides) -> dict:
    when = timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "category": category().pk,
        "child": child.pk,
        "about_staff": "",
        "event_at": when,
        "known_at": when,
        "summary": "Police brought Siobhán home after she was found in town at 2am.",
        "actions": "Welcomed home, checked for injuries; placing authority told.",
    }
    data.update(overrides)
    return data


def test_a_manager_drafts_one_and_records_each_sending(client_for, child, manager):
    client = client_for(manager)
    response = client.post(reverse("notification_add", args=[child.home_id]), form_data(child))
    notification = Notification.objects.get()
    assert response.status_code == 302 and response.url == reverse("notification_detail", args=[notification.pk])
    page = client.get(response.url)
    assert child.home.ofsted_urn in page.text and "Record as sent" in page.text
    ofsted = notification.recipients.get(kind=Kind.OFSTED)
    sent = client.post(
        reverse("notification_recipient_sent", args=[ofsted.pk]),
        {"sent_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "method": "online_form", "reference": "NOT-7"},
    )
    assert sent.status_code == 302
    ofsted.refresh_from_db()
    assert ofsted.sent_by == manager and ofsted.reference == "NOT-7" and ofsted.sent_text


def test_recording_a_sending_without_how_says_so(client_for, child, manager):
    notification = make_notification(child, by=manager)
    url = reverse("notification_recipient_sent", args=[notification.recipients.first().pk])
    response = client_for(manager).post(url, {"sent_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200 and "Error: " in response.text


def test_add_someone_else_to_tell(client_for, child, manager):
    notification = make_notification(child, by=manager)
    url = reverse("notification_recipient_add", args=[notification.pk])
    assert client_for(manager).post(url, {"kind": "police", "name": "West Yorkshire Police"}).status_code == 302
    assert notification.recipients.filter(kind="police", name="West Yorkshire Police").exists()


def test_the_printable_page_shows_the_draft_and_logs_the_read(client_for, child, manager):
    notification = make_notification(child, by=manager)
    response = client_for(manager).get(reverse("notification_print", args=[notification.pk]))
    assert response.status_code == 200 and "S.M.N.B." in response.text and "data-print" in response.text
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=notification.pk, actor=manager).exists()


def test_the_pdf_is_built_by_the_worker_and_downloaded(
    client_for, child, manager, monkeypatch, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    rendered = []
    monkeypatch.setattr("homes.pdf.html_to_pdf", lambda html: rendered.append(html) or b"%PDF-1.4 notification")
    notification = make_notification(child, by=manager)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(reverse("notification_pdf_build", args=[notification.pk]))
    assert with_commit.status_code == 302
    pdf = NotificationPdf.objects.get(notification=notification)
    assert pdf.status == NotificationPdf.Status.READY and pdf.sha256 and pdf.is_current
    assert "S.M.N.B." in rendered[0] and "Siobhán" not in rendered[0]
    download = client.get(reverse("notification_pdf_download", args=[notification.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 notification"


def test_a_failed_pdf_build_says_so_on_the_row(child, manager, monkeypatch, django_capture_on_commit_callbacks):
    def broken(html):
        raise RuntimeError("no fonts")

    monkeypatch.setattr("homes.pdf.html_to_pdf", broken)
    notification = make_notification(child, by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        pdf = notification_pdf.notification_pdf_enqueue(notification=notification, user=manager)
    pdf.refresh_from_db()
    assert pdf.status == NotificationPdf.Status.FAILED and "no fonts" in pdf.error


def test_another_homes_manager_gets_404(client_for, child, other_manager):
    notification = make_notification(child)
    client = client_for(other_manager)
    for url in (
        reverse("notification_list", args=[child.home_id]),
        reverse("notification_add", args=[child.home_id]),
        reverse("notification_detail", args=[notification.pk]),
        reverse("notification_print", args=[notification.pk]),
        reverse("notification_edit", args=[notification.pk]),
        reverse("notification_recipient_sent", args=[notification.recipients.first().pk]),
    ):
        assert client.get(url).status_code == 404


def test_care_staff_get_403_on_the_register_and_writes(client_for, child, staff):
    client = client_for(staff)
    assert client.get(reverse("notification_list", args=[child.home_id])).status_code == 403
    assert client.post(reverse("notification_add", args=[child.home_id]), form_data(child)).status_code == 403
    assert Notification.objects.count() == 0


def test_read_pages_refuse_post_and_the_pdf_build_refuses_get(client_for, child, manager):
    notification = make_notification(child, by=manager)
    client = client_for(manager)
    assert client.post(reverse("notification_detail", args=[notification.pk])).status_code == 405
    assert client.get(reverse("notification_pdf_build", args=[notification.pk])).status_code == 405


def test_the_register_runs_a_constant_number_of_queries(client_for, home, manager):
    from tests.factories import ChildFactory

    make_notification(ChildFactory(home=home), by=manager)
    client = client_for(manager)
    url = reverse("notification_list", args=[home.pk])
    one = count_queries(client, url)
    for _ in range(3):
        make_notification(ChildFactory(home=home), by=manager)
    assert count_queries(client, url) == one


# --- clocks where the manager works ------------------------------------------------------------


def test_notifications_due_are_on_the_dashboard_and_the_task_list(client_for, child, manager, staff):
    notification = make_notification(child, by=manager, known_hours_ago=30)
    page = client_for(manager).get(reverse("dashboard"))
    assert "Notifications to send (Regulation 40)" in page.text and "Overdue" in page.text
    tasks = [t for t in tasks_for(manager, timezone.localdate()) if t.kind == "Send a Regulation 40 notification"]
    assert [t.url for t in tasks] == [reverse("notification_detail", args=[notification.pk])]
    assert tasks[0].is_overdue(timezone.localdate())
    assert not [t for t in tasks_for(staff, timezone.localdate()) if t.kind.startswith("Send a Regulation 40")]


def test_once_everyone_is_told_it_leaves_the_lists(child, manager):
    notification = make_notification(child, by=manager)
    for recipient in notification.recipients.all():
        notification_record_sent(recipient=recipient, sent_by=manager, sent_at=timezone.now(), method="email")
    assert not [t for t in tasks_for(manager, timezone.localdate()) if t.kind.startswith("Send a Regulation 40")]
    assert notices.notifications_due_panel(manager, [child.home]) is None


def test_start_refuses_fields_it_does_not_know(child, manager):
    with pytest.raises(TypeError):
        notification_start(home=child.home, created_by=manager, colour="red")


# --- starting from a record (an incident, a missing episode register themselves) ---------------


@pytest.fixture
def consequence_as_source(monkeypatch):
    """A stand-in record kind registered as a source, as incidents and missing episodes are."""
    from homes import access as access_module
    from safeguarding.models import Consequence
    from safeguarding.notify_sources import NotifySource, Prefill, notify_sources

    def get(user, pk):
        return access_module.get_for_children(user, Consequence.objects.select_related("child__home"), pk)

    def prefill(record):
        return Prefill(
            home=record.child.home,
            child_id=record.child_id,
            event_at=record.happened_at,
            summary=record.what_happened,
            categories=["police-serious"],
        )

    monkeypatch.setitem(notify_sources, "safeguarding.consequence", NotifySource(Consequence, get, prefill))


def test_a_notification_starts_from_its_record_and_points_back(client_for, child, manager, consequence_as_source):
    from safeguarding.notify_sources import notification_prompt
    from tests.safeguarding.notices_factories import ConsequenceFactory

    record = ConsequenceFactory(child=child)
    assert [c.code for c in notification_prompt(record)] == ["police-serious"]
    url = reverse("notification_add", args=[child.home_id])
    page = client_for(manager).get(url, {"from": "safeguarding.consequence", "source_id": record.pk})
    assert page.status_code == 200 and "Threw the remote" in page.text
    data = form_data(child, **{"from": "safeguarding.consequence", "source_id": record.pk})
    assert client_for(manager).post(url, data).status_code == 302
    notification = Notification.objects.get()
    assert notification.source == record
    assert notification_prompt(record) == []  # notified: the prompt is gone


def test_a_record_out_of_reach_or_of_another_home_is_404(client_for, child, other_manager, consequence_as_source):
    from tests.factories import member
    from tests.safeguarding.notices_factories import ConsequenceFactory

    record = ConsequenceFactory(child=child)
    other_home_url = reverse("notification_add", args=[other_manager.memberships.get().home_id])
    query = {"from": "safeguarding.consequence", "source_id": record.pk}
    assert client_for(other_manager).get(other_home_url, query).status_code == 404
    manager_of_both = member(child.home, "manager")
    from homes.models import Membership

    Membership.objects.create(user=manager_of_both, home=other_manager.memberships.get().home, role="manager")
    assert client_for(manager_of_both).get(other_home_url, query).status_code == 404
    bogus = {"from": "nothing.here", "source_id": 1}
    assert client_for(other_manager).get(other_home_url, bogus).status_code == 404


def test_the_pdf_html_escapes_what_people_typed(child, manager):
    notification = make_notification(child, by=manager, summary='"><img src=x onerror=alert(1)>')
    html = notification_pdf.render_notification_html(notification.pk)
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_the_responsible_individual_reads_the_register_and_annex_a(client_for, child):
    from homes.models import User
    from tests.factories import UserFactory

    ri = UserFactory(provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    notification = make_notification(child)
    client = client_for(ri)
    assert client.get(reverse("notification_detail", args=[notification.pk])).status_code == 200
    assert client.get(reverse("notification_list", args=[child.home_id])).status_code == 200
    assert client.get(reverse("annex_a", args=[child.home_id])).status_code == 200
    assert client.post(reverse("notification_add", args=[child.home_id]), form_data(child)).status_code == 403


def test_starting_a_second_from_the_same_record_and_category_opens_the_first(client_for, child, manager):
    """One notification per record per category: the prompt's button, pressed again (or a second
    manager starting one from the same missing episode), opens the notification there is."""
    from safeguarding.services.notifications import OPENED_EXISTING
    from tests.factories import member
    from tests.safeguarding.missing_factories import MissingEpisodeFactory

    episode = MissingEpisodeFactory(child=child, risk_level="high")
    url = reverse("notification_add", args=[child.home_id])
    query = {"from": "safeguarding.missingepisode", "source_id": episode.pk, "category": "police-serious"}
    client = client_for(manager)
    assert client.get(url, query).status_code == 200  # nothing yet: the form
    data = form_data(child, **{"from": "safeguarding.missingepisode", "source_id": episode.pk})
    first = client.post(url, data)
    notification = Notification.objects.get()
    assert first.url == reverse("notification_detail", args=[notification.pk])
    again = client.get(url, query)
    assert again.status_code == 302 and again.url == first.url
    assert OPENED_EXISTING in client.get(again.url).text
    second = client_for(member(child.home, "deputy_manager")).post(url, data)
    assert second.status_code == 302 and second.url == first.url
    assert Notification.objects.count() == 1
    # Another category from the same record is a notification of its own.
    data["category"] = category("sexual-exploitation").pk
    assert client.post(url, data).status_code == 302
    assert Notification.objects.count() == 2
