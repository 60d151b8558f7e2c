"""Fixtures for the guards every form shares (homes/concurrency.py, homes/submissions.py): a
child with an assessor, so that every edit and create form of every app is reachable."""

import pytest

from children import extensions
from homes.models import Membership
from tests.factories import ChildFactory, member


@pytest.fixture(autouse=True)
def _no_assessment(monkeypatch):
    monkeypatch.setattr(extensions, "_focus_areas", [])


@pytest.fixture
def assessor(home):
    return member(home, Membership.Role.ASSESSOR, full_name="Dr Samuel Adeyemi")


@pytest.fixture
def child(home, staff, assessor):
    return ChildFactory(home=home, preferred_name="Siobhán", key_worker=staff, assessor=assessor)
