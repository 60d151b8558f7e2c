import pytest

from homes.models import Membership
from tests.factories import member
from tests.tracker.factories import LAST_MONTH, TrackerFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def assessor(home):
    return member(home, Membership.Role.ASSESSOR, full_name="Dr Samuel Adeyemi")


@pytest.fixture
def child(home, staff, assessor):
    from tests.factories import ChildFactory

    return ChildFactory(
        home=home, preferred_name="Siobhán", legal_name="Siobhán Ní Bhriain", key_worker=staff, assessor=assessor
    )


@pytest.fixture
def tracker(child):
    return TrackerFactory(child=child, month=LAST_MONTH)
