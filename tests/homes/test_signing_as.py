"""Every form that signs a record says who is signing, with a way to switch user that comes
back to the same page after logging in."""

from collections.abc import Callable

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.html import escape

from homes.models import Membership, User
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    CarePlanFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    RiskAssessmentFactory,
)
from tests.factories import member
from tests.supervision.factories import make_session
from tests.tracker.factories import LAST_MONTH, MeetingFactory, TrackerFactory


def _tracker(child, manager) -> str:
    assessor = member(child.home, Membership.Role.ASSESSOR)
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    MeetingFactory(tracker=tracker, manager=manager, assessor=assessor)
    return reverse("tracker_detail", args=[tracker.pk])


def _supervision(child, supervisor, supervisee) -> str:
    session = make_session(home=child.home, supervisor=supervisor, attendees=[supervisee])
    return reverse("supervision_session_detail", args=[session.pk])


def _assessment_check(child) -> tuple[User, str]:
    assessor = member(child.home, Membership.Role.ASSESSOR, full_name="Dr Ada Mensah")
    return assessor, reverse("assessment_check", args=[make_assessment(child, assessor, scores=2).pk])


# name -> (child, manager, staff) -> (the person who signs, the page with the signing form)
SIGNING_PAGES: dict[str, Callable] = {
    "key working": lambda child, manager, staff: (staff, reverse("key_working_add", args=[child.pk])),
    "key working amendment": lambda child, manager, staff: (
        manager,
        reverse("key_working_amend", args=[KeyWorkingSessionFactory(child=child).pk]),
    ),
    "care plan sign-off": lambda child, manager, staff: (
        manager,
        reverse("care_plan_detail", args=[CarePlanFactory(child=child).pk]),
    ),
    "risk assessment sign-off": lambda child, manager, staff: (
        manager,
        reverse("risk_assessment_detail", args=[RiskAssessmentFactory(child=child).pk]),
    ),
    "review meeting signature": lambda child, manager, staff: (manager, _tracker(child, manager)),
    "supervision signature": lambda child, manager, staff: (staff, _supervision(child, manager, staff)),
    "assessment finalise": lambda child, manager, staff: _assessment_check(child),
    "daily care": lambda child, manager, staff: (staff, reverse("activity_log", args=[child.pk])),
    "provision register": lambda child, manager, staff: (
        staff,
        reverse("provision_arrangement", args=[ProvisionArrangementFactory(child=child).pk]),
    ),
}


@pytest.mark.parametrize("page", SIGNING_PAGES)
def test_each_signing_form_names_the_signer_and_offers_to_switch_user(client_for, child, manager, staff, page):
    signer, url = SIGNING_PAGES[page](child, manager, staff)
    response = client_for(signer).get(url)
    assert response.status_code == 200
    assert f"Signing as <strong>{escape(signer.full_name)}</strong> — not you?" in response.text
    switch = f'form="logout-form" name="next" value="{escape(redirect_to_login(url)["Location"])}"'
    assert switch in response.text
    assert response.text.count("Switch user") == 1


def test_a_page_without_a_signing_form_does_not_claim_a_signer(client_for, staff, child):
    assert "Signing as" not in client_for(staff).get(reverse("key_working_list", args=[child.pk])).text
