import pytest

from homes.models import Membership
from tests.factories import member
from tests.tracker.factories import LAST_MONTH, TrackerFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_inline(celery_conf):
    """Tasks run inline here even when REDIS_URL is set; test_real_worker.py runs them in a
    real worker on the real broker."""
    celery_conf(task_always_eager=True)


@pytest.fixture(autouse=True)
def _broker_not_remembered_down():
    """A test that made a publish fail leaves its back-off behind for the next test's sends."""
    from tracker.services import queue

    queue._BrokerBackoff.until = 0.0


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
