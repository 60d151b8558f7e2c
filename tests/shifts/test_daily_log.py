import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.services.chronology import chronology_page
from shifts.models import DailyLog, HandoverFlag
from shifts.models import daily_log as models
from shifts.services import daily_log as services
from tests.factories import ChildFactory
from tests.shifts.factories import DailyLogFactory, ShiftPatternFactory, night, yesterday
from tests.utils import count_queries


@pytest.fixture
def early(home):
    return ShiftPatternFactory(home=home)


def form_data(shift, **overrides) -> dict:
    data = {
        "shift": shift.pk,
        "shift_date": yesterday().isoformat(),
        "regulation": 4,
        "mood": "Giggly at breakfast; a wobble before school, settled with the weighted blanket.",
        "food": "Porridge, and most of the lasagne.",
        "sleep": "",
        "school": "Went in on time; liked science.",
        "family_time": "Video call with Nan at six.",
        "activities": "Park with the dog.",
        "follow_up": "",
        "child_words": "Nan says I can visit at half term!",
    }
    data.update(overrides)
    return data


@pytest.fixture
def log(child, early, staff):
    return DailyLogFactory(child=child, shift=early, author=staff)


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_within_reach_reads(request, client_for, child, log, person):
    client = client_for(request.getfixturevalue(person))
    for url in (reverse("daily_log_list", args=[child.pk]), reverse("daily_log_detail", args=[log.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "Can we do the puzzle again tomorrow?" in response.text or "Quiet after school" in response.text


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, child, log, early):
    client = client_for(other_manager)
    for url in (
        reverse("daily_log_list", args=[child.pk]),
        reverse("daily_log_add", args=[child.pk]),
        reverse("daily_log_detail", args=[log.pk]),
        reverse("daily_log_edit", args=[log.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("daily_log_add", args=[child.pk]), form_data(early)).status_code == 404
    assert DailyLog.objects.count() == 1


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, log, early, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("daily_log_add", args=[child.pk])).status_code == 403
    assert client.post(reverse("daily_log_add", args=[child.pk]), form_data(early)).status_code == 403
    assert client.post(reverse("daily_log_edit", args=[log.pk]), form_data(early)).status_code == 403
    assert DailyLog.objects.count() == 1


def test_someone_elses_log_cannot_be_corrected(client_for, manager, log, early):
    assert client_for(manager).post(reverse("daily_log_edit", args=[log.pk]), form_data(early)).status_code == 403


def test_read_views_refuse_post_and_forms_refuse_put(client_for, staff, child, log):
    client = client_for(staff)
    assert client.post(reverse("daily_log_list", args=[child.pk])).status_code == 405
    assert client.post(reverse("daily_log_detail", args=[log.pk])).status_code == 405
    assert client.put(reverse("daily_log_add", args=[child.pk])).status_code == 405
    assert client.put(reverse("daily_log_edit", args=[log.pk])).status_code == 405


# --- writing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "deputy", "manager"])
def test_the_homes_staff_write_a_log_signed_with_their_name(request, client_for, child, early, person):
    author = request.getfixturevalue(person)
    response = client_for(author).post(reverse("daily_log_add", args=[child.pk]), form_data(early))
    log = DailyLog.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("daily_log_detail", args=[log.pk])
    assert log.author == author and log.shift == early and log.shift_date == yesterday()
    assert abs(log.signed_at - timezone.now()) < datetime.timedelta(minutes=1)
    page = client_for(author).get(response.url).text
    assert "Nan says I can visit at half term!" in page
    assert f"Signed by <strong>{author.full_name}</strong>" in page


def test_the_form_offers_the_shift_running_now(client_for, child, home, staff, monkeypatch):
    early = ShiftPatternFactory(home=home)
    nights = night(home)
    moment = timezone.make_aware(datetime.datetime(2026, 3, 10, 2, 30))  # 02:30: the night that began on the 9th
    monkeypatch.setattr(timezone, "now", lambda: moment)
    page = client_for(staff).get(reverse("daily_log_add", args=[child.pk])).text
    assert f'<option value="{nights.pk}" selected>' in page
    assert 'value="2026-03-09"' in page
    assert f'<option value="{early.pk}">' in page
    assert "In Siobhán&#x27;s words" in page or "In Siobhán's words" in page


def test_a_shift_named_in_the_address_is_offered(client_for, child, early, staff):
    url = reverse("daily_log_add", args=[child.pk]) + f"?shift={early.pk}&date=2026-01-05"
    page = client_for(staff).get(url).text
    assert f'<option value="{early.pk}" selected>' in page and 'value="2026-01-05"' in page
    # Rubbish in the address is ignored, not a 500.
    assert client_for(staff).get(reverse("daily_log_add", args=[child.pk]) + "?shift=x&date=nope").status_code == 200


def test_a_second_log_for_the_same_shift_is_refused_with_who_wrote_the_first(client_for, child, early, staff, manager):
    client_for(staff).post(reverse("daily_log_add", args=[child.pk]), form_data(early))
    response = client_for(manager).post(reverse("daily_log_add", args=[child.pk]), form_data(early, mood="Again"))
    assert response.status_code == 200
    assert models.ALREADY_LOGGED.format(child="Siobhán", author=staff.full_name).replace("'", "&#x27;") in response.text
    assert "Again" in response.text  # what they typed is kept
    assert DailyLog.objects.count() == 1


def test_a_shift_that_has_not_started_is_refused(client_for, child, early, staff):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(reverse("daily_log_add", args=[child.pk]), form_data(early, shift_date=tomorrow))
    assert response.status_code == 200
    assert models.LOG_IN_FUTURE in response.text
    assert not DailyLog.objects.exists()


def test_a_day_before_the_child_came_is_refused(child, early, staff):
    with pytest.raises(Exception) as refused:
        services.daily_log_write(
            child=child,
            author=staff,
            shift=early,
            shift_date=child.admission_date - datetime.timedelta(days=1),
            regulation=3,
            mood="x",
        )
    assert "before Siobhán came to live" in str(refused.value)


def test_another_homes_shift_is_refused(child, staff, other_home):
    theirs = ShiftPatternFactory(home=other_home)
    with pytest.raises(Exception) as refused:
        services.daily_log_write(
            child=child, author=staff, shift=theirs, shift_date=yesterday(), regulation=3, mood="x"
        )
    assert models.SHIFT_OF_ANOTHER_HOME.format(child="Siobhán") in str(refused.value)


def test_mood_and_regulation_are_required_with_messages_that_say_what_to_do(client_for, child, early, staff):
    response = client_for(staff).post(
        reverse("daily_log_add", args=[child.pk]), form_data(early, mood="", regulation="")
    )
    assert "Write how Siobhán seemed through the shift" in response.text
    assert "Choose how regulated Siobhán seemed across the shift" in response.text


def test_a_flagged_follow_up_raises_a_flag_for_the_next_shift(client_for, child, early, staff):
    data = form_data(early, follow_up="Ask school about the trip letter.", flag_for_next_shift="on")
    client_for(staff).post(reverse("daily_log_add", args=[child.pk]), data)
    flag = HandoverFlag.objects.get()
    assert flag.child == child and flag.home == child.home and flag.is_open
    assert flag.text == "Ask school about the trip letter." and flag.raised_by == staff


def test_a_flag_without_a_follow_up_is_refused(client_for, child, early, staff):
    response = client_for(staff).post(
        reverse("daily_log_add", args=[child.pk]), form_data(early, flag_for_next_shift="on")
    )
    assert services.FLAG_NEEDS_FOLLOW_UP in response.text
    assert not DailyLog.objects.exists()


def test_a_discharged_child_gets_no_new_logs(client_for, home, early, staff):
    left = ChildFactory(home=home, discharge_date=timezone.localdate(), discharge_destination="Home to Mum")
    assert client_for(staff).get(reverse("daily_log_add", args=[left.pk])).status_code == 403


# --- correcting ------------------------------------------------------------------------------


def test_the_author_corrects_within_a_day_and_the_history_keeps_the_old_words(client_for, log, early, staff):
    response = client_for(staff).post(
        reverse("daily_log_edit", args=[log.pk]),
        form_data(
            early,
            mood="Corrected: a hard hour after school, then calm.",
            follow_up="Check in with school.",
            flag_for_next_shift="on",
        ),
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.mood.startswith("Corrected")
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_object(log).filter(action=LogEntry.Action.UPDATE)
    assert any("Quiet after school" in str(entry.changes) for entry in entries)
    assert HandoverFlag.objects.get().text == "Check in with school."


def test_unflagging_on_correction_resolves_the_open_flag(log, early, staff):
    services.daily_log_edit(log=log, editor=staff, follow_up="Phone Nan", flag_for_next_shift=True)
    services.daily_log_edit(log=log, editor=staff, flag_for_next_shift=False)
    flag = HandoverFlag.objects.get()
    assert not flag.is_open and flag.resolution == services.UNFLAGGED


def test_after_a_day_the_log_can_no_longer_be_corrected(client_for, log, early, staff, monkeypatch):
    later = log.signed_at + datetime.timedelta(hours=24, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client_for(staff).get(reverse("daily_log_edit", args=[log.pk]))
    assert response.status_code == 302
    with pytest.raises(Exception) as refused:
        services.daily_log_edit(log=log, editor=staff, mood="late")
    assert services.EDIT_WINDOW_CLOSED in str(refused.value)


# --- reading ---------------------------------------------------------------------------------


def test_the_list_runs_the_same_queries_however_many_logs(client_for, child, early, staff):
    url = reverse("daily_log_list", args=[child.pk])
    DailyLogFactory(child=child, shift=early, shift_date=yesterday())
    few = count_queries(client_for(staff), url)
    for days in range(2, 8):
        DailyLogFactory(child=child, shift=early, shift_date=timezone.localdate() - datetime.timedelta(days=days))
    assert count_queries(client_for(staff), url) == few


def test_logs_are_in_the_chronology_newest_first(child, early, home):
    nights = night(home)
    DailyLogFactory(child=child, shift=early, shift_date=yesterday())
    DailyLogFactory(child=child, shift=nights, shift_date=yesterday(), child_words="")
    page = chronology_page(child, kinds=["daily_log"])
    assert [entry.title.split(":")[0] for entry in page.entries] == [
        "Daily log, Waking night shift",
        "Daily log, Early shift",
    ]


def test_the_childs_words_are_escaped(client_for, child, early, staff):
    DailyLogFactory(child=child, shift=early, child_words="<script>alert(1)</script>")
    page = client_for(staff).get(reverse("daily_log_list", args=[child.pk]))
    detail = client_for(staff).get(reverse("daily_log_detail", args=[DailyLog.objects.get().pk])).text
    assert "<script>alert(1)</script>" not in detail and "&lt;script&gt;" in detail
    assert page.status_code == 200
