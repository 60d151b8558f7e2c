import pytest
from django.test import Client

from homes.models import Home, Membership, User
from tests.factories import ChildFactory, HomeFactory, UserFactory, member
from tests.second_factor import VerifiedClient


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Files a test stores (documents, built PDFs) go to a temporary folder, never var/ (the
    generic walks store documents too, through tests/<app>/url_objects.py)."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _no_cache(settings):
    """Nothing cached between requests or tests: the navigation's count of what is due (cached for
    two minutes in use) is worked out afresh on every page, so each page's queries are the same on
    every request and no test sees another's count."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def nav_count_cached(settings):
    """A real cache (the tests' is a dummy): the navigation's count of what is due, which a page
    shows once known and the browser otherwise asks for (oversight.context_processors), is worked
    out once per person, as in use (cached two minutes), not again for each of the hundreds of
    pages a browser walk opens (it runs every task source)."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "walks"}}
    cache.clear()


@pytest.fixture
def celery_conf():
    """celery_conf(key=value): change the Celery app's configuration for one test."""
    from config.celery import app

    before: dict = {}

    def change(**values) -> None:
        for key, value in values.items():
            before.setdefault(key, app.conf[key])
            app.conf[key] = value

    yield change
    for key, value in before.items():
        app.conf[key] = value


@pytest.fixture(autouse=True)
def _tasks_inline(celery_conf):
    """Tasks run inline in every test, even when REDIS_URL is set (as in CI): a test sees the PDF
    or e-mail its request asked for. The real-worker tests (tests/tracker/test_real_worker.py,
    tests/homes/test_system_status.py) turn this off and run a worker on the real broker."""
    celery_conf(task_always_eager=True)


@pytest.fixture(autouse=True)
def _broker_not_remembered_down():
    """A test that made a publish fail leaves its back-off behind for the next test's sends."""
    from homes import builds

    builds._BrokerBackoff.until = 0.0


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


# --- Second factor (issue 9): logged-in test clients have also passed it ----------------------
# `client.force_login(user)` and `client_for(user)` give a person who typed their password AND a
# code from their app (tests/second_factor.py). To test the password-only state, post to the
# login form with the plain `Client()`.


@pytest.fixture
def client() -> Client:
    """pytest-django's `client`, whose force_login also passes the second factor."""
    return VerifiedClient()


@pytest.fixture
def client_for():
    """client_for(user) -> a test client logged in as that person, second factor passed."""

    def make(user: User) -> Client:
        client = VerifiedClient()
        client.force_login(user)
        return client

    return make
