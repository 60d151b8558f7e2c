"""Missing from care (issue 10, item 10): the home's managers review a returned episode, sign it and
close it, once the return home interview has been held or recorded as not happening. Until then it
is pending on the dashboard and the task list; after, it is read-only, with who closed it and when."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from homes.extensions import tasks_for
from safeguarding.models import MissingEpisode, MissingUpdate, ReturnInterview
from safeguarding.services import missing as services
from tests.factories import ChildFactory
from tests.safeguarding.missing_factories import MissingEpisodeFactory, ReturnInterviewFactory, returned
from tests.utils import count_queries

REVIEW = {"manager_review": "She went to her <b>old</b> school friend; plan updated with safe places."}
CLOSE_TASK = "Review and close the missing episode"


def _held(episode: MissingEpisode) -> ReturnInterview:
    return ReturnInterviewFactory(
        episode=episode,
        outcome=ReturnInterview.Outcome.HELD,
        held_at=episode.returned_at + datetime.timedelta(hours=2),
        child_account="I just wanted to see Amy.",
    )


@pytest.fixture
def back(child):
    episode = MissingEpisodeFactory(child=child, last_seen_at=timezone.now() - datetime.timedelta(hours=40))
    return returned(episode, at=timezone.now() - datetime.timedelta(hours=30))


@pytest.fixture
def ready(back):
    _held(back)
    return back


def _close(client, episode, data=REVIEW):
    return client.post(reverse("missing_close", args=[episode.pk]), data)


def test_the_manager_reviews_signs_and_closes_a_returned_episode(client_for, manager, ready):
    response = _close(client_for(manager), ready)
    assert response.status_code == 302 and response.url == reverse("missing_detail", args=[ready.pk])
    ready.refresh_from_db()
    assert ready.is_closed and ready.closed_by == manager
    assert abs(ready.closed_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert ready.manager_review.startswith("She went to her <b>old</b>")
    page = client_for(manager).get(response.url).text
    assert "Reviewed, signed and closed by <strong>Grace Okafor</strong>" in page
    assert "her &lt;b&gt;old&lt;/b&gt; school friend" in page
    assert "Sign and close the episode" not in page


def test_closing_is_in_the_audit_history(client_for, deputy, ready):
    _close(client_for(deputy), ready)
    entry = LogEntry.objects.get_for_object(ready).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert "closed_by" in entry.changes_dict and "closed_at" in entry.changes_dict
    assert entry.actor == deputy


def test_the_episode_page_offers_the_button_to_managers_only(client_for, manager, staff, assessor, ready):
    assert "Sign and close the episode" in client_for(manager).get(reverse("missing_detail", args=[ready.pk])).text
    for person in (staff, assessor):
        page = client_for(person).get(reverse("missing_detail", args=[ready.pk])).text
        assert "Sign and close the episode" not in page
        assert "Waiting for a manager to review, sign and close it" in page


@pytest.mark.parametrize(
    ("interview", "message"),
    [(None, services.CLOSE_NO_INTERVIEW), ("offered", services.CLOSE_INTERVIEW_NOT_YET)],
)
def test_the_interview_must_be_held_or_declined_first(client_for, manager, back, interview, message):
    if interview:
        ReturnInterviewFactory(episode=back)
    response = _close(client_for(manager), back)
    assert response.status_code == 200
    assert response.text.count(message.format(child="Siobhán").replace("'", "&#x27;")) >= 1
    assert "There is a problem" in response.text and "<title>Error: " in response.text
    back.refresh_from_db()
    assert not back.is_closed


def test_a_declined_interview_lets_the_episode_close(client_for, manager, back):
    ReturnInterviewFactory(episode=back, outcome=ReturnInterview.Outcome.DECLINED, declined_reason="Said no thanks.")
    assert _close(client_for(manager), back).status_code == 302
    back.refresh_from_db()
    assert back.is_closed


def test_the_review_is_required_with_a_clear_message(client_for, manager, ready):
    response = _close(client_for(manager), ready, {"manager_review": " "})
    assert response.status_code == 200
    assert "Enter your review of the episode before closing it" in response.text
    ready.refresh_from_db()
    assert not ready.is_closed


def test_an_episode_still_open_cannot_be_closed(manager, child):
    episode = MissingEpisodeFactory(child=child)
    with pytest.raises(Exception, match="has not come back yet"):
        services.missing_episode_close(episode=episode, manager=manager, manager_review="x")


def test_a_closed_episode_is_read_only(client_for, manager, staff, ready):
    _close(client_for(manager), ready)
    client = client_for(staff)
    interview = ready.return_interview
    for name in ("missing_edit", "missing_update_add", "return_interview", "missing_return"):
        response = client.post(reverse(name, args=[ready.pk]), {"text": "late note", "revision": ready.revision})
        assert response.status_code == 302 and response.url == reverse("missing_detail", args=[ready.pk]), name
    assert not MissingUpdate.objects.exists()
    page = client.get(reverse("missing_detail", args=[ready.pk])).text
    assert "Add actions or correct" not in page and "Update the return home interview" not in page
    ready.refresh_from_db()
    with pytest.raises(Exception, match="closed by a manager"):
        services.missing_episode_update(episode=ready, user=staff, revision=ready.revision, risk_level="low")
    with pytest.raises(Exception, match="closed by a manager"):
        services.return_interview_update(interview=interview, user=staff, revision=interview.revision, changes="x")
    with pytest.raises(Exception, match="closed by a manager"):
        services.missing_episode_close(episode=ready, manager=manager, manager_review="again")


def test_no_body_map_is_added_to_a_closed_episode_and_the_list_says_closed(client_for, manager, staff, ready):
    from safeguarding.models import BodyMap
    from tests.safeguarding.test_body_maps import form_data

    _close(client_for(manager), ready)
    client = client_for(staff)
    url = reverse("body_map_add", args=[ready.child.pk]) + f"?missing={ready.pk}"
    response = client.post(url, form_data(context="missing_return", missing=ready.pk))
    assert response.status_code == 200 and "closed by a manager" in response.text
    assert not BodyMap.objects.exists()
    listed = client.get(reverse("missing_list", args=[ready.child.pk])).text
    assert 'class="badge text-bg-success">Closed</span>' in listed


def test_pending_episodes_are_on_the_managers_dashboard(client_for, manager, staff, home, back, other_manager):
    sam = ChildFactory(home=home, preferred_name="Sam")
    _held(returned(MissingEpisodeFactory(child=sam)))
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Missing episodes to close" in page
    assert "Waiting for the return home interview" in page and "Ready to review and close" in page
    assert "Missing episodes to close" not in client_for(staff).get(reverse("dashboard")).text
    assert "Siobhán" not in client_for(other_manager).get(reverse("dashboard")).text
    for episode in MissingEpisode.objects.all():
        if not hasattr(episode, "return_interview"):
            _held(episode)
        services.missing_episode_close(episode=episode, manager=manager, manager_review="Reviewed.")
    page = client_for(manager).get(reverse("dashboard")).text
    assert "No missing episodes are waiting for you to close." in page


def test_the_closing_panel_costs_the_same_however_many_episodes(client_for, manager, home):
    client = client_for(manager)
    _held(returned(MissingEpisodeFactory(child=ChildFactory(home=home))))
    one = count_queries(client, reverse("dashboard"))
    for _ in range(3):
        _held(returned(MissingEpisodeFactory(child=ChildFactory(home=home))))
    assert count_queries(client, reverse("dashboard")) == one
    assert client.get(reverse("dashboard")).text.count("Ready to review and close") == 4


def test_episodes_ready_to_close_are_tasks_for_the_homes_managers(manager, deputy, staff, other_manager, back):
    today = timezone.localdate()
    assert not any(t.kind == CLOSE_TASK for t in tasks_for(manager, today))  # the interview comes first
    interview = _held(back)
    task = next(t for t in tasks_for(manager, today) if t.kind == CLOSE_TASK)
    assert task.about == "Siobhán" and task.url == reverse("missing_detail", args=[back.pk])
    assert task.due == timezone.localdate(interview.recorded_at)
    assert any(t.kind == CLOSE_TASK for t in tasks_for(deputy, today))
    assert not any(t.kind == CLOSE_TASK for t in tasks_for(staff, today))
    assert not any(t.kind == CLOSE_TASK for t in tasks_for(other_manager, today))
    services.missing_episode_close(episode=back, manager=manager, manager_review="Reviewed.")
    assert not any(t.kind == CLOSE_TASK for t in tasks_for(manager, today))


# --- who may (persona matrix) ---------------------------------------------------------------


@pytest.mark.parametrize("person", ["manager", "deputy"])
def test_the_homes_managers_close(request, client_for, ready, person):
    assert _close(client_for(request.getfixturevalue(person)), ready).status_code == 302


def test_another_homes_manager_gets_404(client_for, other_manager, ready):
    assert _close(client_for(other_manager), ready).status_code == 404
    ready.refresh_from_db()
    assert not ready.is_closed


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead", "administrator"])
def test_others_who_read_it_get_403(request, client_for, ready, person):
    assert _close(client_for(request.getfixturevalue(person)), ready).status_code == 403
    ready.refresh_from_db()
    assert not ready.is_closed


def test_closing_is_post_only(client_for, manager, ready):
    assert client_for(manager).get(reverse("missing_close", args=[ready.pk])).status_code == 405
