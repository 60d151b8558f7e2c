"""The demo's body maps and missing episodes (issue 10, item 11)."""

import pytest

from safeguarding.models import BodyMap, BodyMark, MissingEpisode, MissingUpdate, ReturnInterview
from tests.utils import seed_demo


@pytest.mark.django_db
def test_the_demo_has_two_missing_episodes_with_interviews_and_body_maps_and_seeds_once():
    seed_demo()
    episodes = MissingEpisode.objects.select_related("child", "return_interview")
    assert [e.child.preferred_name for e in episodes] == ["Tyler", "Tyler"]
    assert all(not e.is_open and e.return_interview.offered_in_time for e in episodes)
    assert all(e.return_interview.outcome == "held" and e.return_interview.child_account for e in episodes)
    assert BodyMap.objects.filter(missing_episode__isnull=False).count() == 1
    assert BodyMap.objects.filter(missing_episode__isnull=True).count() == 1
    counts = (MissingEpisode.objects.count(), MissingUpdate.objects.count(), ReturnInterview.objects.count())
    marks = BodyMark.objects.count()
    seed_demo()
    assert (MissingEpisode.objects.count(), MissingUpdate.objects.count(), ReturnInterview.objects.count()) == counts
    assert BodyMark.objects.count() == marks == 2
