import pytest

from assessments.models import Instrument
from assessments.services.instrument import load_default_instrument
from homes.models import Membership
from tests.factories import member


@pytest.fixture
def instrument(db) -> Instrument:
    # The data migration loads it, but transactional (browser) tests flush the database.
    return load_default_instrument()


@pytest.fixture
def home_assessor(home):
    """An assessor of the home who is not the child's assigned assessor."""
    return member(home, Membership.Role.ASSESSOR, full_name="Dr Ada Mensah")
