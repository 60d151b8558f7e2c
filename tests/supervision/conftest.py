import pytest

from homes.models import Membership
from tests.supervision.factories import make_session, staff_member


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def supervisor(home):
    """Tom, the deputy, supervises Jess."""
    return staff_member(home, Membership.Role.DEPUTY_MANAGER, full_name="Tom Hughes")


@pytest.fixture
def supervisee(home):
    return staff_member(home, full_name="Jess Whitfield")


@pytest.fixture
def colleague(home):
    """Care staff at the same home who was not in the session."""
    return staff_member(home, full_name="Ffion Jones")


@pytest.fixture
def session(home, supervisor, supervisee):
    return make_session(home=home, supervisor=supervisor, attendees=[supervisee])
