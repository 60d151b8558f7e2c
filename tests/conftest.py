import pytest
from django.test import Client

from homes.models import Home, Membership, User
from tests.factories import ChildFactory, HomeFactory, UserFactory, member


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def home(db) -> Home:
    return HomeFactory(name="Willow House")


@pytest.fixture
def other_home(db) -> Home:
    return HomeFactory(name="Rowan Lodge")


@pytest.fixture
def manager(home) -> User:
    """The registered manager, in post for over a year (so due supervision and appraisal)."""
    return member(home, Membership.Role.MANAGER, full_name="Grace Okafor", days_in_post=400)


@pytest.fixture
def deputy(home) -> User:
    return member(home, Membership.Role.DEPUTY_MANAGER)


@pytest.fixture
def staff(home) -> User:
    return member(home, Membership.Role.CARE_STAFF, full_name="Jess Whitfield")


@pytest.fixture
def assessor(home) -> User:
    return member(home, Membership.Role.ASSESSOR)


@pytest.fixture
def other_manager(other_home) -> User:
    return member(other_home, Membership.Role.MANAGER)


@pytest.fixture
def administrator(db) -> User:
    return UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def clinical_lead(db) -> User:
    return UserFactory(provider_role=User.ProviderRole.CLINICAL_LEAD)


@pytest.fixture
def child(home, staff):
    return ChildFactory(home=home, preferred_name="Siobhán", legal_name="Siobhán Ní Bhriain", key_worker=staff)


@pytest.fixture
def client_for():
    """client_for(user) -> a test client logged in as that person."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
