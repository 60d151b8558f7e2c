"""The child's own copy (issue 15, item 2): "My plan and my story so far" and the moving-on pack,
written to the child, built by a worker as PDFs, made and downloaded by the home's managers."""

import datetime
import shutil

import pytest
from auditlog.models import LogEntry
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from children.models import Child, Goal
from records.models import OwnCopy
from records.own_copy import own_copy_build, own_copy_context
from records.tasks import build_own_copy
from tests.children.factories import CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.evidence_pack import pdf_text
from tests.health.factories import ConditionFactory, RegistrationFactory
from tests.records.factories import memory_box_item

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
HOSTILE = '<b>Biscuit</b> & "my nan" <img src="file:///etc/passwd">'


def make(child, kind, by) -> OwnCopy:
    return own_copy_build(copy_id=OwnCopy.objects.create(child=child, kind=kind, queued_by=by).pk)


def discharge(child) -> None:
    Child.objects.filter(pk=child.pk).update(
        discharge_date=timezone.localdate() - datetime.timedelta(days=1), discharge_destination="Foster care"
    )
    child.refresh_from_db()


@pytest.fixture
def story(child, manager):
    """A plan in the child's words (one hostile), a goal in progress, one achieved, their words
    in key working and a certificate with a picture in the memory box."""
    plan = CarePlanFactory(child=child, created_by=manager, what_matters_to_me=HOSTILE, what_i_want="To play football.")
    GoalFactory(plan=plan, title="Settle to sleep", adult_strategies="Read a story at nine, lights low.")
    GoalFactory(plan=plan, title="Swim a length", status=Goal.Status.ACHIEVED)
    signed(plan, by=manager)
    KeyWorkingSessionFactory(child=child, topic="school", child_voice="I like art best.")
    memory_box_item(child, by=manager, title="Swimming, 25 metres", description="You did it!")
    return plan


# --- Access: the home's managers make and print it --------------------------------------------


@pytest.mark.parametrize("person", ["manager", "deputy"])
def test_the_homes_managers_make_and_download_a_copy(
    request, client_for, child, story, person, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(person)
    client = client_for(user)
    assert client.get(reverse("own_copy", args=[child.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("own_copy_request", args=[child.pk]), {"kind": "my_plan"})
    assert response.status_code == 302
    row = OwnCopy.objects.get(child=child, kind=OwnCopy.Kind.MY_PLAN)
    assert row.status == OwnCopy.Status.READY and len(row.sha256) == 64 and row.queued_by == user
    assert "Download the PDF" in client.get(reverse("own_copy", args=[child.pk])).text
    download = client.get(reverse("own_copy_download", args=[row.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=row.pk, actor=user).exists()


@pytest.mark.parametrize("person", ["staff", "assessor"])
def test_others_who_read_the_child_get_403(request, client_for, child, manager, person):
    row = make(child, OwnCopy.Kind.MY_PLAN, manager)
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("own_copy", args=[child.pk])).status_code == 403
    assert client.post(reverse("own_copy_request", args=[child.pk]), {"kind": "my_plan"}).status_code == 403
    assert client.get(reverse("own_copy_download", args=[row.pk])).status_code == 403


def test_another_homes_manager_gets_404(client_for, other_manager, child, manager):
    row = make(child, OwnCopy.Kind.MY_PLAN, manager)
    client = client_for(other_manager)
    assert client.get(reverse("own_copy", args=[child.pk])).status_code == 404
    assert client.post(reverse("own_copy_request", args=[child.pk]), {"kind": "my_plan"}).status_code == 404
    assert client.get(reverse("own_copy_download", args=[row.pk])).status_code == 404


def test_wrong_methods_get_405(client_for, manager, child):
    row = make(child, OwnCopy.Kind.MY_PLAN, manager)
    client = client_for(manager)
    assert client.post(reverse("own_copy", args=[child.pk])).status_code == 405
    assert client.get(reverse("own_copy_request", args=[child.pk])).status_code == 405
    assert client.post(reverse("own_copy_download", args=[row.pk])).status_code == 405


def test_not_logged_in_is_sent_to_log_in(client, child):
    assert client.get(reverse("own_copy", args=[child.pk])).status_code == 302


def test_an_unknown_kind_makes_nothing_and_says_what_to_do(client_for, manager, child):
    response = client_for(manager).post(reverse("own_copy_request", args=[child.pk]), {"kind": "x"}, follow=True)
    assert "Choose which copy to make" in response.text
    assert not OwnCopy.objects.exists()


def test_a_copy_not_ready_is_not_found(client_for, manager, child):
    row = OwnCopy.objects.create(child=child, kind=OwnCopy.Kind.MY_PLAN, queued_by=manager)
    assert client_for(manager).get(reverse("own_copy_download", args=[row.pk])).status_code == 404


def test_a_failed_build_shows_as_failed(client_for, manager, child):
    row = OwnCopy.objects.create(child=child, kind=OwnCopy.Kind.MOVING_ON, queued_by=manager)
    build_own_copy.on_failure(RuntimeError("no fonts"), "task", [row.pk], {}, None)
    row.refresh_from_db()
    assert row.status == OwnCopy.Status.FAILED and "no fonts" in row.error
    assert (
        "The PDF could not be made: RuntimeError: no fonts"
        in client_for(manager).get(reverse("own_copy", args=[child.pk])).text
    )


def test_asking_again_rebuilds_the_same_row(client_for, manager, child, django_capture_on_commit_callbacks):
    client = client_for(manager)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("own_copy_request", args=[child.pk]), {"kind": "moving_on"})
    assert OwnCopy.objects.filter(child=child, kind=OwnCopy.Kind.MOVING_ON, status="ready").count() == 1


# --- What it says: to the child, their words first ----------------------------------------------


def test_the_copy_is_written_to_the_child_in_large_type_with_their_picture(child, story):
    html = render_to_string("records/pdf/own_copy.html", own_copy_context(child, OwnCopy.Kind.MY_PLAN))
    assert "font-size: 15pt" in html  # the body: at least 14pt
    assert "data:image/jpeg;base64," in html  # the memory box's picture, fed as a data: URL
    assert "<b>Biscuit</b>" not in html and "&lt;b&gt;Biscuit&lt;/b&gt;" in html
    assert 'src="file:' not in html
    assert html.index("In your words") < html.index("What the adults will do") < html.index("Your story so far")


@needs_pdftotext
def test_my_plan_pdf_holds_their_words_the_adults_part_and_their_achievements(child, manager, story):
    text = pdf_text(make(child, OwnCopy.Kind.MY_PLAN, manager).file.read())
    assert "This is your plan, Siobhán" in text
    assert '<b>Biscuit</b> & "my nan"' in text  # escaped: shown as the child's text, not markup
    assert "To play football." in text and "I like art best." in text
    assert "Read a story at nine, lights low." in text  # what the adults will do
    assert "Swim a length" in text and "Swimming, 25 metres" in text and "You did it!" in text
    assert "Your health" not in text and "Who to contact" not in text


@needs_pdftotext
def test_the_moving_on_pack_adds_health_and_who_to_contact(child, manager, story):
    discharge(child)
    ConditionFactory(child=child, name="Penicillin")
    RegistrationFactory(child=child, practice="Riverside Surgery")
    Child.objects.filter(pk=child.pk).update(social_worker_name="Dana Okafor", social_worker_phone="0161 496 0101")
    child.refresh_from_db()
    text = pdf_text(make(child, OwnCopy.Kind.MOVING_ON, manager).file.read())
    assert "Siobhán, moving on" in text and "You moved on on" in text
    assert "Your health" in text and "Penicillin" in text and "Riverside Surgery" in text
    assert "Who to contact" in text and "Dana Okafor" in text and "0161 496 0101" in text
    assert "Swimming, 25 metres" in text and "I like art best." in text


def test_a_health_section_is_left_out_when_there_is_nothing_to_say(child):
    context = own_copy_context(child, OwnCopy.Kind.MOVING_ON)
    assert [section.name for section, _ in context["sections"]] == []
    ConditionFactory(child=child)
    assert [s.name for s, _ in own_copy_context(child, OwnCopy.Kind.MOVING_ON)["sections"]] == ["health"]


# --- Where it is offered --------------------------------------------------------------------------


def test_the_child_page_offers_the_moving_on_pack_to_managers_once_the_child_has_left(
    client_for, manager, staff, child
):
    page = reverse("child_detail", args=[child.pk])
    assert "moving-on pack" not in client_for(manager).get(page).text
    discharge(child)
    assert "Make the moving-on pack" in client_for(manager).get(page).text
    assert "moving-on pack" not in client_for(staff).get(page).text
    make(child, OwnCopy.Kind.MOVING_ON, manager)
    assert "Download the moving-on pack" in client_for(manager).get(page).text


def test_the_own_copy_tab_is_for_managers(client_for, manager, staff, child):
    url = reverse("own_copy", args=[child.pk])
    assert url in client_for(manager).get(reverse("child_detail", args=[child.pk])).text
    assert url not in client_for(staff).get(reverse("child_detail", args=[child.pk])).text
