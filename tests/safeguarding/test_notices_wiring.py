"""Missing episodes in the notifications and Annex A: a high-risk episode, or one with signs of
exploitation, prompts the manager to notify; a notification starts from the episode and points
back at it; Annex A counts the episodes, the children involved and the children at risk."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.models import MissingEpisode, Notification
from safeguarding.notify_sources import notification_prompt
from tests.factories import ChildFactory
from tests.safeguarding.missing_factories import MissingEpisodeFactory
from tests.safeguarding.test_annex_a import _table
from tests.safeguarding.test_notifications import form_data
from tests.utils import today


@pytest.fixture
def episode(child):
    return MissingEpisodeFactory(
        child=child, risk_level=MissingEpisode.RiskLevel.HIGH, exploitation_indicators=["older_associates"]
    )


def test_a_high_risk_episode_with_signs_of_exploitation_prompts_both(episode):
    assert {c.code for c in notification_prompt(episode)} == {"sexual-exploitation", "police-serious"}


def test_a_medium_risk_episode_without_signs_prompts_nothing(child):
    assert notification_prompt(MissingEpisodeFactory(child=child)) == []


def test_the_manager_sees_the_prompt_on_the_episode_and_notifies_from_it(client_for, episode, manager, staff):
    page = client_for(manager).get(reverse("missing_detail", args=[episode.pk]))
    assert "This may need a Regulation 40 notification" in page.text
    assert (
        "This may need a Regulation 40 notification"
        not in client_for(staff).get(reverse("missing_detail", args=[episode.pk])).text
    )
    url = reverse("notification_add", args=[episode.child.home_id])
    query = {"from": "safeguarding.missingepisode", "source_id": episode.pk, "category": "police-serious"}
    start = client_for(manager).get(url, query)
    assert start.status_code == 200 and "Noticed missing at" in start.text
    data = form_data(episode.child, **{"from": "safeguarding.missingepisode", "source_id": episode.pk})
    assert client_for(manager).post(url, data).status_code == 302
    assert Notification.objects.get().source == episode
    assert [c.code for c in notification_prompt(episode)] == ["sexual-exploitation"]


def test_annex_a_counts_missing_episodes_and_children_at_risk(home, other_home):
    ruby, sam = ChildFactory(home=home), ChildFactory(home=home)
    MissingEpisodeFactory(child=ruby)
    MissingEpisodeFactory(child=ruby, exploitation_indicators=["money_or_gifts"])
    MissingEpisodeFactory(child=sam)
    long_ago = timezone.now() - datetime.timedelta(days=200)
    MissingEpisodeFactory(child=sam, last_seen_at=long_ago, exploitation_indicators=["gang"])
    MissingEpisodeFactory(child=ChildFactory(home=other_home), exploitation_indicators=["gang"])
    table = _table(home, today() - datetime.timedelta(days=30), today())
    assert table["Missing episodes"] == (3, 2)
    assert table["Children at risk of exploitation"] == (1, 1)


def test_a_record_meeting_no_category_still_offers_the_manager_a_notify_link(client_for, child, manager):
    episode = MissingEpisodeFactory(child=child)
    page = client_for(manager).get(reverse("missing_detail", args=[episode.pk]))
    assert "This may need a Regulation 40 notification" not in page.text
    assert "Notify under Regulation 40" in page.text
