import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homes import extensions
from homes.extensions import HandoverItem, HandoverSection
from shifts.models import Handover, HandoverFlag, HandoverRead
from shifts.services import handover as services
from tests.factories import ChildFactory
from tests.shifts.factories import (
    DailyLogFactory,
    HandoverFactory,
    HandoverFlagFactory,
    ShiftPatternFactory,
    night,
    yesterday,
)
from tests.utils import count_queries


@pytest.fixture
def early(home):
    return ShiftPatternFactory(home=home)


@pytest.fixture
def handover(home, early, staff):
    return HandoverFactory(home=home, shift=early, started_by=staff)


def complete(handover, user):
    return services.handover_save(handover=handover, user=user, summary="All calm.", complete=True)


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_within_reach_reads(request, client_for, home, handover, person):
    client = client_for(request.getfixturevalue(person))
    for url in (reverse("handover_list", args=[home.pk]), reverse("handover_detail", args=[handover.pk])):
        assert client.get(url).status_code == 200


def test_another_homes_member_gets_404(client_for, other_manager, home, handover, early):
    client = client_for(other_manager)
    assert client.get(reverse("handover_list", args=[home.pk])).status_code == 404
    assert client.get(reverse("handover_detail", args=[handover.pk])).status_code == 404
    assert client.post(reverse("handover_mark_read", args=[handover.pk])).status_code == 404
    assert (
        client.post(
            reverse("handover_list", args=[home.pk]), {"shift": early.pk, "shift_date": "2026-01-01"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_readers_cannot_write_complete_or_mark_read(request, client_for, home, handover, early, staff, person):
    complete(
        HandoverFactory(home=home, shift=early, shift_date=yesterday() - datetime.timedelta(days=1), started_by=staff),
        staff,
    )
    client = client_for(request.getfixturevalue(person))
    assert (
        client.post(
            reverse("handover_list", args=[home.pk]), {"shift": early.pk, "shift_date": yesterday()}
        ).status_code
        == 403
    )
    data = {"summary": "x", "revision": handover.revision, "action": "complete"}
    assert client.post(reverse("handover_detail", args=[handover.pk]), data).status_code == 403
    done = Handover.objects.filter(status="completed").get()
    assert client.post(reverse("handover_mark_read", args=[done.pk])).status_code == 403
    assert client.get(reverse("handover_flag_add", args=[home.pk])).status_code == 403
    assert not HandoverRead.objects.exists()
    handover.refresh_from_db()
    assert handover.status == "draft"


def test_mark_read_is_post_only(client_for, staff, handover):
    assert client_for(staff).get(reverse("handover_mark_read", args=[handover.pk])).status_code == 405


# --- drafting --------------------------------------------------------------------------------


def test_starting_a_shifts_handover_twice_opens_the_same_one(client_for, home, early, staff, manager):
    data = {"shift": early.pk, "shift_date": yesterday().isoformat()}
    first = client_for(staff).post(reverse("handover_list", args=[home.pk]), data)
    second = client_for(manager).post(reverse("handover_list", args=[home.pk]), data)
    handover = Handover.objects.get()
    assert first.url == second.url == reverse("handover_detail", args=[handover.pk])
    assert handover.started_by == staff


def test_a_shift_that_has_not_started_cannot_be_handed_over(client_for, home, early, staff):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(
        reverse("handover_list", args=[home.pk]), {"shift": early.pk, "shift_date": tomorrow}
    )
    assert services.SHIFT_NOT_STARTED in response.text
    assert not Handover.objects.exists()


def test_the_draft_lists_the_shifts_logs_and_open_flags_attention_first(
    client_for, home, early, child, staff, handover
):
    calm = ChildFactory(home=home, preferred_name="Tariq")
    DailyLogFactory(child=calm, shift=early, mood="Played football all afternoon.")
    DailyLogFactory(child=child, shift=early, regulation=2, mood="A hard evening after the phone call.")
    DailyLogFactory(child=child, shift=night(home), mood="Another shift's log.")
    HandoverFlagFactory(child=child, text="Ring the dentist.", raised_at=early.window(yesterday())[0])
    page = client_for(staff).get(reverse("handover_detail", args=[handover.pk])).text
    assert "Played football all afternoon." in page
    assert "Another shift&#x27;s log." not in page and "Another shift's log." not in page
    assert page.index("Ring the dentist.") < page.index("A hard evening") < page.index("Played football")
    assert "Needs attention" in page


def test_other_apps_sections_are_drafted_too(monkeypatch, client_for, staff, handover):
    def medicines(home, start, end):
        return [HandoverItem(text="Ruby: paracetamol 500 mg at 14:05", attention=False)]

    monkeypatch.setitem(
        extensions.handover_sections, "medicines", HandoverSection(name="medicines", label="Medicines", items=medicines)
    )
    page = client_for(staff).get(reverse("handover_detail", args=[handover.pk])).text
    assert "Medicines" in page and "Ruby: paracetamol 500 mg at 14:05" in page


def test_completing_signs_it_and_keeps_the_items_as_they_stood(client_for, home, early, child, staff, handover):
    log = DailyLogFactory(child=child, shift=early, mood="Settled well at bedtime.")
    data = {"summary": "Boiler engineer at ten.", "revision": handover.revision, "action": "complete"}
    assert client_for(staff).post(reverse("handover_detail", args=[handover.pk]), data).status_code == 302
    handover.refresh_from_db()
    assert handover.is_completed and handover.completed_by == staff and handover.summary == "Boiler engineer at ten."
    log.mood = "Changed later."
    log.save()
    page = client_for(staff).get(reverse("handover_detail", args=[handover.pk])).text
    assert "Settled well at bedtime." in page and "Changed later." not in page
    assert f"Completed and signed by <strong>{staff.full_name}</strong>" in page


def test_a_completed_handover_cannot_be_changed(handover, staff, manager):
    complete(handover, staff)
    with pytest.raises(Exception) as refused:
        services.handover_save(handover=handover, user=manager, summary="Changed", revision=handover.revision)
    assert "can no longer be changed" in str(refused.value)


def test_saving_keeps_it_a_draft(client_for, staff, handover):
    data = {"summary": "So far: quiet.", "revision": handover.revision, "action": "save"}
    client_for(staff).post(reverse("handover_detail", args=[handover.pk]), data)
    handover.refresh_from_db()
    assert handover.status == "draft" and handover.summary == "So far: quiet."


def test_two_people_writing_the_handover_see_each_others_words(client_for, staff, deputy, handover):
    data = {"summary": "", "revision": handover.revision, "action": "save"}
    client_for(staff).post(reverse("handover_detail", args=[handover.pk]), {**data, "summary": "Mine"})
    response = client_for(deputy).post(reverse("handover_detail", args=[handover.pk]), {**data, "summary": "Theirs"})
    assert response.status_code == 200 and "What changed while you were editing" in response.text
    handover.refresh_from_db()
    assert handover.summary == "Mine"


# --- read receipts ---------------------------------------------------------------------------


def test_each_incoming_person_marks_it_read_once_and_everyone_sees_who(
    client_for, home, staff, deputy, manager, handover
):
    complete(handover, staff)
    url = reverse("handover_mark_read", args=[handover.pk])
    client_for(deputy).post(url)
    client_for(deputy).post(url)  # a second tap changes nothing
    client_for(manager).post(url)
    assert list(handover.reads.values_list("reader__full_name", flat=True)) == [deputy.full_name, manager.full_name]
    page = client_for(staff).get(reverse("handover_detail", args=[handover.pk])).text
    assert deputy.full_name in page and manager.full_name in page
    assert "I have read the handover" in page  # staff have not marked it yet
    assert "I have read the handover" not in client_for(deputy).get(reverse("handover_detail", args=[handover.pk])).text


def test_a_draft_cannot_be_marked_read(client_for, deputy, handover):
    response = client_for(deputy).post(reverse("handover_mark_read", args=[handover.pk]), follow=True)
    assert services.NOT_COMPLETED in response.text
    assert not HandoverRead.objects.exists()


def test_the_shift_page_says_which_handovers_you_have_not_read(client_for, home, staff, deputy, handover):
    complete(handover, staff)
    assert "not by you yet" in client_for(deputy).get(reverse("shifts_home", args=[home.pk])).text
    services.handover_mark_read(handover=handover, reader=deputy)
    assert "not by you yet" not in client_for(deputy).get(reverse("shifts_home", args=[home.pk])).text


def test_the_list_runs_the_same_queries_however_many_handovers(client_for, home, early, staff):
    url = reverse("handover_list", args=[home.pk])
    first = complete(HandoverFactory(home=home, shift=early, shift_date=yesterday(), started_by=staff), staff)
    services.handover_mark_read(handover=first, reader=staff)
    few = count_queries(client_for(staff), url)
    for days in range(2, 7):
        h = HandoverFactory(
            home=home, shift=early, shift_date=yesterday() - datetime.timedelta(days=days), started_by=staff
        )
        complete(h, staff)
        services.handover_mark_read(handover=h, reader=staff)
    assert count_queries(client_for(staff), url) == few


# --- flags and the before-shift sheet --------------------------------------------------------


def test_a_flag_carries_into_the_before_shift_sheet_until_resolved(client_for, home, child, staff, manager):
    client_for(staff).post(
        reverse("handover_flag_add", args=[home.pk]), {"child": child.pk, "text": "Ring the school."}
    )
    client_for(staff).post(reverse("handover_flag_add", args=[home.pk]), {"child": "", "text": "Fire door sticks."})
    sheet = client_for(manager).get(reverse("before_shift", args=[home.pk])).text
    assert "Flagged: Ring the school." in sheet and "Fire door sticks." in sheet
    flag = HandoverFlag.objects.get(child=child)
    response = client_for(manager).post(reverse("handover_flag_resolve", args=[flag.pk]), {"resolution": "Rang them."})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert not flag.is_open and flag.resolved_by == manager
    sheet = client_for(manager).get(reverse("before_shift", args=[home.pk])).text
    assert "Ring the school." not in sheet and "Fire door sticks." in sheet


def test_a_flag_is_on_every_handover_until_resolved(home, early, child, staff):
    flag = HandoverFlagFactory(child=child, raised_at=timezone.now() - datetime.timedelta(days=3))
    start, end = early.window(yesterday())
    texts = [item.text for section in services.drafted_sections(home, start, end) for item in section.items]
    assert any("Ring the dentist" in text for text in texts)
    services.handover_flag_resolve(
        flag=flag, resolved_by=staff, resolution="Done", now=start - datetime.timedelta(hours=1)
    )
    texts = [item.text for section in services.drafted_sections(home, start, end) for item in section.items]
    assert not any("Ring the dentist" in text for text in texts)


def test_a_flag_is_resolved_once(client_for, child, staff, manager):
    flag = HandoverFlagFactory(child=child)
    services.handover_flag_resolve(flag=flag, resolved_by=staff, resolution="Done")
    response = client_for(manager).post(
        reverse("handover_flag_resolve", args=[flag.pk]), {"resolution": "Me too"}, follow=True
    )
    assert "This flag was resolved by" in response.text
    flag.refresh_from_db()
    assert flag.resolved_by == staff


def test_a_flag_needs_words_and_a_child_of_the_home(client_for, home, staff, other_home):
    response = client_for(staff).post(reverse("handover_flag_add", args=[home.pk]), {"text": ""})
    assert "Write what the next shift needs to do or know" in response.text
    elsewhere = ChildFactory(home=other_home)
    response = client_for(staff).post(
        reverse("handover_flag_add", args=[home.pk]), {"child": elsewhere.pk, "text": "x"}
    )
    assert response.status_code == 200 and not HandoverFlag.objects.exists()


def test_the_before_shift_sheet_says_whether_you_have_read_the_last_handover(client_for, home, staff, deputy, handover):
    complete(handover, staff)
    assert "you have not read it yet" in client_for(deputy).get(reverse("before_shift", args=[home.pk])).text
    services.handover_mark_read(handover=handover, reader=deputy)
    assert "you have read it" in client_for(deputy).get(reverse("before_shift", args=[home.pk])).text
