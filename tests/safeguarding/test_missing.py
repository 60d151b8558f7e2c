"""Missing from care (issue 10, item 5): the episode, its actions and updates, the return, the
independent return home interview within 72 hours, and the clocks on the dashboard and the
task list (fixed time)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from children.services.chronology import chronology_page
from homes.concurrency import STALE_EDIT
from homes.extensions import tasks_for
from safeguarding.models import MissingEpisode, MissingUpdate, ReturnInterview
from safeguarding.models import missing as rules
from safeguarding.services import missing as services
from tests.children.factories import RiskAssessmentFactory
from tests.factories import ChildFactory
from tests.safeguarding.missing_factories import (
    MissingEpisodeFactory,
    MissingUpdateFactory,
    ReturnInterviewFactory,
    returned,
)
from tests.utils import count_queries

HOUR = datetime.timedelta(hours=1)
FORMAT = "%Y-%m-%dT%H:%M"


def ago(hours: float) -> str:
    return timezone.localtime(timezone.now() - datetime.timedelta(hours=hours)).strftime(FORMAT)


def episode_form(**overrides) -> dict:
    data = {
        "last_seen_at": ago(5),
        "last_seen_details": "Left for school in her green coat; seemed quiet.",
        "noticed_missing_at": ago(3),
        "risk_level": "high",
        "exploitation_indicators": ["older_associates", "money_or_gifts"],
        "exploitation_notes": "New trainers last week, would not say where from.",
        "searched_at": ago(2.5),
        "search_details": "The park, the shops, her friend's house.",
        "called_at": ago(2.8),
        "police_told_at": ago(2),
        "police_reference": "MP/2026/1142",
        "placing_authority_told_at": ago(1.5),
        "parents_told_at": "",
        "parents_note": "Mum not told: the plan says the social worker tells her.",
    }
    data.update(overrides)
    return data


def return_form(episode, **overrides) -> dict:
    data = {
        "revision": episode.revision,
        "returned_at": ago(1),
        "return_how": "police",
        "return_details": "Found at the bus station in town.",
        "condition": "Cold and tired; had some soup and went to bed.",
    }
    data.update(overrides)
    return data


def interview_form(**overrides) -> dict:
    data = {
        "offered_at": ago(0.5),
        "interviewer_name": "Maya Okafor",
        "interviewer_role": "Return interview worker, the council's missing team",
        "interviewer_independent": "on",
        "outcome": "offered",
        "held_at": "",
        "child_account": "",
        "changes": "",
        "risk_assessment": "",
        "declined_reason": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def episode(child):
    return MissingEpisodeFactory(child=child, last_seen_details="Near the <b>shops</b>")


@pytest.fixture
def back(child):
    return returned(MissingEpisodeFactory(child=child), at=timezone.now() - 2 * HOUR)


# --- opening the episode --------------------------------------------------------------------


def test_staff_record_a_child_missing_with_the_actions_taken(client_for, child, staff):
    response = client_for(staff).post(reverse("missing_add", args=[child.pk]), episode_form())
    episode = MissingEpisode.objects.get()
    assert response.status_code == 302 and response.url == reverse("missing_detail", args=[episode.pk])
    assert (episode.author, episode.child, episode.risk_level) == (staff, child, "high")
    assert episode.exploitation_indicators == ["older_associates", "money_or_gifts"]
    assert episode.police_reference == "MP/2026/1142" and episode.is_open
    page = client_for(staff).get(response.url).text
    assert "Still missing, for 3 h" in page
    assert "Seen with older people or unknown adults" in page and "reference MP/2026/1142" in page


def test_a_child_already_missing_is_not_recorded_missing_twice(client_for, child, staff, episode):
    response = client_for(staff).post(reverse("missing_add", args=[child.pk]), episode_form())
    assert response.status_code == 200
    assert "is already recorded as missing since" in response.text
    assert MissingEpisode.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"noticed_missing_at": ago(6)}, "noticed_missing_at", rules.NOTICED_BEFORE_LAST_SEEN.format(child="Siobhán")),
        ({"police_reference": ""}, "police_reference", rules.POLICE_REFERENCE_NEEDED),
        ({"police_told_at": ""}, "police_told_at", rules.POLICE_TIME_NEEDED),
        ({"called_at": ago(7)}, "called_at", rules.ACTION_BEFORE_LAST_SEEN.format(child="Siobhán")),
        ({"noticed_missing_at": ago(-2)}, "noticed_missing_at", rules.IN_FUTURE),
        ({"exploitation_indicators": ["spying"]}, "exploitation_indicators", "Choose one of the options"),
    ],
)
def test_the_episode_is_refused_with_a_clear_message(client_for, child, staff, overrides, field, message):
    response = client_for(staff).post(reverse("missing_add", args=[child.pk]), episode_form(**overrides))
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.text
    assert not MissingEpisode.objects.exists()


def test_an_episode_before_the_child_came_is_refused(child, staff):
    last_seen = timezone.make_aware(datetime.datetime.combine(child.admission_date, datetime.time(9))) - 48 * HOUR
    with pytest.raises(ValidationError) as error:
        services.missing_episode_open(
            child=child,
            author=staff,
            last_seen_at=last_seen,
            last_seen_details="x",
            noticed_missing_at=last_seen + HOUR,
            risk_level="low",
        )
    assert "last_seen_at" in error.value.message_dict


# --- during and after -------------------------------------------------------------------------


def test_updates_are_added_while_the_child_is_missing(client_for, staff, episode):
    url = reverse("missing_update_add", args=[episode.pk])
    when = (episode.noticed_missing_at + HOUR).astimezone(timezone.get_current_timezone()).strftime(FORMAT)
    response = client_for(staff).post(url, {"happened_at": when, "text": "Seen in the park by a friend's mum."})
    assert response.status_code == 302
    update = MissingUpdate.objects.get()
    assert (update.author, update.text) == (staff, "Seen in the park by a friend's mum.")
    before = (episode.noticed_missing_at - HOUR).astimezone(timezone.get_current_timezone()).strftime(FORMAT)
    response = client_for(staff).post(url, {"happened_at": before, "text": "Earlier"})
    assert "An update must be after Siobhán was noticed missing" in response.text
    assert MissingUpdate.objects.count() == 1


def test_the_return_is_recorded_and_starts_the_interview_clock(client_for, staff, episode):
    response = client_for(staff).post(reverse("missing_return", args=[episode.pk]), return_form(episode))
    assert response.status_code == 302
    episode.refresh_from_db()
    assert not episode.is_open and episode.return_how == "police" and episode.return_recorded_by == staff
    assert episode.interview_due_at == episode.returned_at + datetime.timedelta(hours=72)
    page = client_for(staff).get(reverse("missing_detail", args=[episode.pk])).text
    assert "Return home interview due in 7" in page  # 70 or 71 hours, as the minute turns
    assert f"{reverse('body_map_add', args=[episode.child_id])}?missing={episode.pk}" in page
    # Once back, the return cannot be recorded again (it is corrected with the details).
    again = client_for(staff).get(reverse("missing_return", args=[episode.pk]))
    assert again.status_code == 302


def test_the_return_form_logs_the_read_of_the_episode(client_for, staff, episode):
    assert client_for(staff).get(reverse("missing_return", args=[episode.pk])).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=episode.pk, actor=staff).exists()


def test_a_return_needs_when_how_and_how_they_were(client_for, staff, episode):
    data = return_form(episode, return_how="", condition="")
    response = client_for(staff).post(reverse("missing_return", args=[episode.pk]), data)
    assert "Choose how Siobhán came back" in response.text and "Enter how Siobhán was on return" in response.text
    early = return_form(episode, returned_at=ago(5))
    response = client_for(staff).post(reverse("missing_return", args=[episode.pk]), early)
    assert "The return must be after Siobhán was noticed missing" in response.text
    episode.refresh_from_db()
    assert episode.is_open


def test_two_people_editing_the_episode_do_not_overwrite_each_other(client_for, staff, deputy, episode):
    url = reverse("missing_edit", args=[episode.pk])
    opened = episode_form(revision=episode.revision, last_seen_at=ago(6), noticed_missing_at=ago(4))
    first = client_for(staff).post(url, {**opened, "police_reference": "FIRST"})
    assert first.status_code == 302
    second = client_for(deputy).post(url, {**opened, "police_reference": "SECOND"})
    assert second.status_code == 200
    assert STALE_EDIT.split("{")[0] in second.text or "while you were editing it" in second.text
    episode.refresh_from_db()
    assert episode.police_reference == "FIRST"


# --- the return home interview ------------------------------------------------------------


def test_the_interview_waits_for_the_return(client_for, staff, episode):
    response = client_for(staff).get(reverse("return_interview", args=[episode.pk]))
    assert response.status_code == 302 and response.url == reverse("missing_detail", args=[episode.pk])
    with pytest.raises(ValidationError):
        services.return_interview_record(episode=episode, recorded_by=staff, **_interview_fields())


def _interview_fields(**overrides) -> dict:
    fields = {
        "offered_at": timezone.now() - HOUR,
        "interviewer_name": "Maya Okafor",
        "interviewer_role": "Missing team",
        "interviewer_independent": True,
        "outcome": ReturnInterview.Outcome.OFFERED,
    }
    fields.update(overrides)
    return fields


def test_the_interview_is_offered_by_someone_independent(client_for, staff, back):
    url = reverse("return_interview", args=[back.pk])
    response = client_for(staff).post(url, interview_form(interviewer_independent=""))
    assert "independent of the home" in response.text
    assert not ReturnInterview.objects.exists()
    assert client_for(staff).post(url, interview_form()).status_code == 302
    interview = ReturnInterview.objects.get()
    assert interview.offered_in_time and interview.recorded_by == staff


def test_then_the_childs_account_and_what_changes_are_added(client_for, staff, manager, back):
    plan = RiskAssessmentFactory(child=back.child)
    client_for(staff).post(reverse("return_interview", args=[back.pk]), interview_form())
    interview = ReturnInterview.objects.get()
    url = reverse("return_interview", args=[back.pk])
    held = interview_form(revision=interview.revision, outcome="held", held_at=ago(0.2))
    response = client_for(manager).post(url, held)
    assert "Enter the child&#x27;s own account" in response.text
    held.update(
        child_account="I went to see my cousin, I missed her.",
        changes="Family time with her cousin",
        risk_assessment=plan.pk,
    )
    assert client_for(manager).post(url, held).status_code == 302
    interview.refresh_from_db()
    assert (interview.outcome, interview.risk_assessment) == ("held", plan)
    page = client_for(staff).get(reverse("missing_detail", args=[back.pk])).text
    assert "I went to see my cousin, I missed her." in page and "within 72 hours" in page


def test_a_declined_interview_says_why(back, staff):
    with pytest.raises(ValidationError) as error:
        services.return_interview_record(episode=back, recorded_by=staff, **_interview_fields(outcome="declined"))
    assert rules.DECLINED_NEEDS_REASON in error.value.message_dict["declined_reason"]


def test_another_childs_risk_assessment_cannot_be_linked(back, staff, home):
    theirs = RiskAssessmentFactory(child=ChildFactory(home=home))
    with pytest.raises(ValidationError) as error:
        services.return_interview_record(episode=back, recorded_by=staff, **_interview_fields(risk_assessment=theirs))
    assert rules.RISK_ASSESSMENT_NOT_THIS_CHILDS in error.value.message_dict["risk_assessment"]


def test_an_interview_offered_after_72_hours_is_marked_late(staff, child):
    episode = returned(MissingEpisodeFactory(child=child, last_seen_at=timezone.now() - 100 * HOUR))
    on_time = episode.returned_at + datetime.timedelta(hours=72)
    interview = services.return_interview_record(
        episode=episode, recorded_by=staff, **_interview_fields(offered_at=on_time)
    )
    assert interview.offered_in_time
    interview.offered_at = on_time + datetime.timedelta(minutes=1)
    assert not interview.offered_in_time


# --- clocks (fixed time) --------------------------------------------------------------------


def test_the_interview_clock_counts_down_then_overdue(back):
    returned_at = back.returned_at
    assert services.interview_clock(back, returned_at + 52 * HOUR).words == "due in 20 h"
    assert (
        services.interview_clock(back, returned_at + datetime.timedelta(hours=71, minutes=55)).words == "due in 5 min"
    )
    late = services.interview_clock(back, returned_at + 73 * HOUR + datetime.timedelta(minutes=30))
    assert late.overdue and late.words == "overdue by 1 h 30 min"


def test_how_long_a_child_has_been_missing(episode):
    assert services.missing_for(episode, episode.noticed_missing_at + datetime.timedelta(hours=26, minutes=5)) == (
        "1 d 2 h 5 min"
    )


def test_the_dashboard_shows_open_episodes_and_interviews_due_with_their_clocks(
    monkeypatch, client_for, manager, staff, child, home, other_manager
):
    fixed = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    MissingEpisodeFactory(child=child, last_seen_at=fixed - 5 * HOUR, noticed_missing_at=fixed - 3 * HOUR)
    sam = ChildFactory(home=home, preferred_name="Sam")
    returned(MissingEpisodeFactory(child=sam, last_seen_at=fixed - 90 * HOUR), at=fixed - 80 * HOUR)
    for person in (manager, staff):
        page = client_for(person).get(reverse("dashboard")).text
        assert "Missing for 3 h" in page
        assert "Return home interview overdue by 8 h" in page
    assert "Missing for" not in client_for(other_manager).get(reverse("dashboard")).text


def test_the_dashboard_panel_costs_the_same_however_many_episodes(client_for, manager, home):
    url = reverse("dashboard")
    MissingEpisodeFactory(child=ChildFactory(home=home))
    client = client_for(manager)
    one = count_queries(client, url)
    for _ in range(3):
        returned(MissingEpisodeFactory(child=ChildFactory(home=home)))
    assert count_queries(client, url) == one
    assert client.get(url).text.count("Return home interview due in") == 3


def test_the_dashboard_says_nothing_when_no_one_is_missing(client_for, manager, child):
    ReturnInterviewFactory(episode=returned(MissingEpisodeFactory(child=child)))
    assert "Missing from care" not in client_for(manager).get(reverse("dashboard")).text


def test_interviews_to_arrange_are_tasks_for_the_homes_managers(manager, deputy, staff, other_manager, child):
    episode = returned(MissingEpisodeFactory(child=child))
    today = timezone.localdate()
    task = next(t for t in tasks_for(manager, today) if t.kind == "Offer the return home interview")
    assert task.about == "Siobhán" and task.due == timezone.localdate(episode.interview_due_at)
    assert task.url == reverse("return_interview", args=[episode.pk])
    assert any(t.kind == "Offer the return home interview" for t in tasks_for(deputy, today))
    assert not any(t.kind == "Offer the return home interview" for t in tasks_for(staff, today))
    assert not any(t.kind == "Offer the return home interview" for t in tasks_for(other_manager, today))
    ReturnInterviewFactory(episode=episode)
    assert not any(t.kind == "Offer the return home interview" for t in tasks_for(manager, today))


# --- chronology -----------------------------------------------------------------------------


def test_episodes_and_interviews_are_in_the_chronology(child):
    interview = ReturnInterviewFactory(
        episode=returned(MissingEpisodeFactory(child=child)), child_account="I was scared"
    )
    MissingUpdateFactory(episode=interview.episode)
    kinds = [entry.kind for entry in chronology_page(child, kinds=["missing", "return_interview"]).entries]
    assert kinds == ["return_interview", "missing"]
    titles = [entry.title for entry in chronology_page(child, kinds=["missing"]).entries]
    assert titles[0].startswith("Went missing (risk medium), back ")


# --- who may ------------------------------------------------------------------------------


def _urls(child, episode) -> list[str]:
    return [
        reverse("missing_list", args=[child.pk]),
        reverse("missing_detail", args=[episode.pk]),
    ]


def _write_urls(child, episode) -> list[str]:
    return [
        reverse("missing_add", args=[child.pk]),
        reverse("missing_edit", args=[episode.pk]),
        reverse("missing_return", args=[episode.pk]),
        reverse("missing_update_add", args=[episode.pk]),
        reverse("return_interview", args=[episode.pk]),
    ]


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_within_reach_reads_and_the_read_is_logged(request, client_for, child, episode, person):
    client = client_for(request.getfixturevalue(person))
    for url in _urls(child, episode):
        response = client.get(url)
        assert response.status_code == 200
        assert "Near the &lt;b&gt;shops&lt;/b&gt;" in response.text or url.endswith("/missing/")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=episode.pk).exists()


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, child, episode):
    client = client_for(other_manager)
    for url in _urls(child, episode) + _write_urls(child, episode):
        assert client.get(url).status_code == 404
        assert client.post(url, episode_form()).status_code in (404, 405)
    assert MissingEpisode.objects.count() == 1


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, episode, person):
    client = client_for(request.getfixturevalue(person))
    for url in _write_urls(child, episode):
        assert client.post(url, episode_form()).status_code == 403
    assert MissingEpisode.objects.count() == 1 and not MissingUpdate.objects.exists()


def test_read_views_refuse_post_and_forms_refuse_put(client_for, staff, child, episode):
    client = client_for(staff)
    for url in _urls(child, episode):
        assert client.post(url).status_code == 405
    for url in _write_urls(child, episode):
        assert client.put(url).status_code == 405
