"""Submitting a create form twice (a double tap, back and resubmit, two tabs) makes one record,
not two (homes/submissions.py): every create form carries a one-time token."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from assessments.models import AdverseExperience, Assessment
from children.models import (
    Activity,
    CarePlan,
    Child,
    KeyWorkingSession,
    ProvisionArrangement,
    ProvisionSession,
    RiskAssessment,
)
from homes.models import SubmissionToken
from homes.submissions import ALREADY_SAVED, KEEP_TOKENS_FOR, TOKEN_FIELD
from safeguarding.models import IncidentChild, PhysicalIntervention
from supervision.models import (
    SupervisionAction,
    SupervisionArrangement,
    SupervisionSession,
    TrainingRecord,
    WellbeingCheckIn,
)
from tests.children.factories import ProvisionArrangementFactory
from tests.children.test_child_views import admit_form
from tests.children.test_daily_care import entry as activity_form
from tests.children.test_key_working_views import form_data as key_working_form
from tests.children.test_provision import arrangement_form
from tests.safeguarding.incident_factories import make_incident, physical_intervention
from tests.safeguarding.test_incident_views import hold_form, incident_form
from tests.shifts.factories import ShiftPatternFactory
from tests.shifts.test_daily_log import form_data as daily_log_form
from tests.shifts.test_shift_pattern import shift_form
from tests.supervision.factories import course
from tests.supervision.test_session_views import session_form
from tests.supervision.test_training import upload
from tests.tracker.factories import LAST_MONTH, EvidencePackFactory
from tests.utils import at_the_same_time
from tracker.models import EvidencePack, EvidenceShare, MonthlyTracker

TOKEN = re.compile(rf'name="{TOKEN_FIELD}" value="([^"]+)"')


def token_on(page: str) -> str:
    found = TOKEN.findall(page)
    assert found, "the form carries no submission token"
    return found[0]


@dataclass
class Create:
    url: str
    page: str  # where the form is shown (GET)
    data: Callable[[], dict]  # a fresh copy each time (uploads are read once)
    count: Callable[[], int]


def _days_ago(days: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days)).isoformat()


def _admit(child, users) -> Create:
    url = reverse("child_admit", args=[child.home_id])
    child.home.capacity = 6
    child.home.save()
    return Create(url, url, lambda: admit_form(key_worker=users["staff"].pk), Child.objects.count)


def _key_working(child, users) -> Create:
    url = reverse("key_working_add", args=[child.pk])
    return Create(url, url, lambda: key_working_form(users["staff"]), KeyWorkingSession.objects.count)


def _activity(child, users) -> Create:
    url = reverse("activity_log", args=[child.pk])
    return Create(url, url, activity_form, Activity.objects.count)


def _arrangement(child, users) -> Create:
    url = reverse("provision_arrangement_add", args=[child.pk])
    return Create(url, url, arrangement_form, ProvisionArrangement.objects.count)


def _register(child, users) -> Create:
    arrangement = ProvisionArrangementFactory(child=child)
    url = reverse("provision_arrangement", args=[arrangement.pk])
    return Create(url, url, lambda: {"date": _days_ago(1), "status": "attended"}, ProvisionSession.objects.count)


def _care_plan(child, users) -> Create:
    return Create(
        reverse("care_plan_start", args=[child.pk]),
        reverse("care_plan_list", args=[child.pk]),
        dict,
        CarePlan.objects.count,
    )


def _risk_assessment(child, users) -> Create:
    return Create(
        reverse("risk_assessment_start", args=[child.pk]),
        reverse("risk_assessment_list", args=[child.pk]),
        dict,
        RiskAssessment.objects.count,
    )


def _assessment(child, users) -> Create:
    url = reverse("assessment_new", args=[child.pk])
    return Create(url, url, lambda: {"assessed_on": _days_ago(0), "kind": "initial"}, Assessment.objects.count)


def _adverse_experience(child, users) -> Create:
    url = reverse("adverse_experience_add", args=[child.pk])
    data = {"category": "separation", "certainty": "confirmed", "source": "Social work chronology"}
    return Create(url, url, lambda: dict(data), AdverseExperience.objects.count)


def _trackers(child, users) -> Create:
    return Create(
        reverse("home_month_open", args=[child.home_id, LAST_MONTH]),
        reverse("home_month", args=[child.home_id, LAST_MONTH]),
        dict,
        MonthlyTracker.objects.count,
    )


def _evidence_pack(child, users) -> Create:
    url = reverse("evidence_list", args=[child.home_id])
    return Create(
        url, url, lambda: {"period_start": _days_ago(60), "period_end": _days_ago(0)}, EvidencePack.objects.count
    )


def _access_code(child, users) -> Create:
    pack = EvidencePackFactory(
        home=child.home, requested_by=users["manager"], status="ready", file="evidence/pack.zip", sha256="0" * 64
    )
    return Create(
        reverse("evidence_share_code", args=[pack.pk]),
        reverse("evidence_detail", args=[pack.pk]),
        lambda: {"recipient": "Ofsted, R. Patel", "days": 14},
        EvidenceShare.objects.count,
    )


def _supervision(child, users) -> Create:
    url = reverse("supervision_record", args=[child.home_id])
    return Create(url, url, lambda: session_form([users["staff"]]), SupervisionSession.objects.count)


def _supervision_action(child, users) -> Create:
    from supervision.services.session import supervision_session_record

    session = supervision_session_record(
        home=child.home,
        supervisor=users["manager"],
        recorded_by=users["manager"],
        attendees=[users["staff"]],
        kind=SupervisionSession.Kind.INDIVIDUAL,
        held_on=timezone.localdate(),
        duration_minutes=60,
    )
    data = {"description": "Book the de-escalation refresher", "owner": users["staff"].pk, "due_on": _days_ago(-14)}
    return Create(
        reverse("supervision_action_add", args=[session.pk]),
        reverse("supervision_session_detail", args=[session.pk]),
        lambda: dict(data),
        SupervisionAction.objects.count,
    )


def _training(child, users) -> Create:
    url = reverse("training_add", args=[child.home_id])
    return Create(
        url,
        url,
        lambda: {
            "person": users["staff"].pk,
            "course": course().pk,
            "completed_on": _days_ago(3),
            "evidence": upload(),
        },
        TrainingRecord.objects.count,
    )


def _checkin(child, users) -> Create:
    url = reverse("wellbeing_checkin")
    return Create(url, url, lambda: {"home": child.home_id, "score": 4}, WellbeingCheckIn.objects.count)


def _supervisor(child, users) -> Create:
    url = reverse("supervision_arrangements", args=[child.home_id])
    data = {"person": users["staff"].pk, "supervisor": users["deputy"].pk, "since": _days_ago(0)}
    return Create(url, url, lambda: dict(data), SupervisionArrangement.objects.count)


def _daily_log(child, users) -> Create:
    url = reverse("daily_log_add", args=[child.pk])
    shift = ShiftPatternFactory(home=child.home)
    from shifts.models import DailyLog

    return Create(url, url, lambda: daily_log_form(shift), DailyLog.objects.count)


def _shift_pattern(child, users) -> Create:
    url = reverse("shift_pattern", args=[child.home_id])
    from shifts.models import ShiftPattern

    return Create(url, url, shift_form, ShiftPattern.objects.count)


def _handover(child, users) -> Create:
    from shifts.models import Handover

    url = reverse("handover_list", args=[child.home_id])
    shift = ShiftPatternFactory(home=child.home)
    return Create(url, url, lambda: {"shift": shift.pk, "shift_date": _days_ago(1)}, Handover.objects.count)


def _flag(child, users) -> Create:
    from shifts.models import HandoverFlag

    url = reverse("handover_flag_add", args=[child.home_id])
    return Create(url, url, lambda: {"child": child.pk, "text": "Ring the school"}, HandoverFlag.objects.count)


def _incident(child, users) -> Create:
    url = reverse("incident_record", args=[child.pk])
    return Create(url, url, lambda: incident_form(users["staff"]), IncidentChild.objects.count)


def _incident_child(child, users) -> Create:
    from tests.factories import ChildFactory

    incident = make_incident(child, author=users["staff"])
    other = ChildFactory(home=child.home)
    url = reverse("incident_add_child", args=[incident.pk, other.pk])
    skip = {"occurred_at", "location", "categories", "staff_involved", "witnesses"}
    data = {k: v for k, v in incident_form(users["staff"]).items() if k not in skip}
    return Create(url, url, lambda: {**data, "child": other.pk}, IncidentChild.objects.count)


def _intervention(child, users) -> Create:
    incident = make_incident(child, author=users["staff"], categories=[physical_intervention()])
    url = reverse("intervention_record", args=[incident.pk])
    return Create(url, url, lambda: hold_form(child, users["staff"]), PhysicalIntervention.objects.count)


def _consequence(child, users) -> Create:
    from safeguarding.models import Consequence
    from tests.safeguarding.test_consequences import form_data as consequence_form

    url = reverse("consequence_add", args=[child.pk])
    return Create(url, url, consequence_form, Consequence.objects.count)


def _complaint(child, users) -> Create:
    from safeguarding.models import Complaint
    from tests.safeguarding.test_complaints import form_data as complaint_form

    url = reverse("complaint_add", args=[child.home_id])
    return Create(url, url, complaint_form, Complaint.objects.count)


def _notification(child, users) -> Create:
    from safeguarding.models import Notification
    from tests.safeguarding.test_notifications import form_data as notification_form

    url = reverse("notification_add", args=[child.home_id])
    return Create(url, url, lambda: notification_form(child), Notification.objects.count)


def _notification_recipient(child, users) -> Create:
    from safeguarding.models import NotificationRecipient
    from tests.safeguarding.notices_factories import make_notification

    notification = make_notification(child, by=users["manager"])
    url = reverse("notification_recipient_add", args=[notification.pk])
    return Create(
        url, url, lambda: {"kind": "police", "name": "West Yorkshire Police"}, NotificationRecipient.objects.count
    )


def _allergy(child, users) -> Create:
    from health.models import Condition

    url = reverse("health_condition_add", args=[child.pk])
    return Create(url, url, lambda: {"kind": "allergy", "name": "Peanuts"}, Condition.objects.count)


def _delegated_authority(child, users) -> Create:
    from health.models import DelegatedAuthority

    url = reverse("delegated_authority_add", args=[child.pk])
    data = {"matter": "haircuts", "given_by": "Sam Lee, social worker", "given_on": _days_ago(2)}
    return Create(url, url, lambda: dict(data), DelegatedAuthority.objects.count)


def _prescription(child, users) -> Create:
    from health.models import Prescription

    url = reverse("prescription_add", args=[child.pk])
    data = {
        "medicine": "Sertraline",
        "form": "tablet",
        "dose": "1 tablet",
        "units_per_dose": "1",
        "route": "oral",
        "times": "08:00",
        "start_date": _days_ago(1),
        "prescriber": "Dr Patel",
    }
    return Create(url, url, lambda: dict(data), Prescription.objects.count)


def _medication_error(child, users) -> Create:
    from health.models import MedicationError

    url = reverse("medication_error_add", args=[child.pk])
    data = {"kind": "missed", "occurred_at": f"{_days_ago(1)}T08:00", "what_happened": "x", "action_taken": "y"}
    return Create(url, url, lambda: dict(data), MedicationError.objects.count)


def _body_map(child, users) -> Create:
    from safeguarding.models import BodyMap
    from tests.safeguarding.test_body_maps import form_data as body_map_form

    url = reverse("body_map_add", args=[child.pk])
    return Create(url, url, body_map_form, BodyMap.objects.count)


def _body_mark(child, users) -> Create:
    from safeguarding.models import BodyMark
    from tests.safeguarding.missing_factories import BodyMarkFactory
    from tests.safeguarding.test_body_maps import form_data as body_map_form

    body_map = BodyMarkFactory(body_map__child=child).body_map
    url = reverse("body_mark_add", args=[body_map.pk])
    return Create(url, url, body_map_form, BodyMark.objects.count)


def _missing(child, users) -> Create:
    from safeguarding.models import MissingEpisode
    from tests.safeguarding.test_missing import episode_form

    url = reverse("missing_add", args=[child.pk])
    return Create(url, url, episode_form, MissingEpisode.objects.count)


def _missing_update(child, users) -> Create:
    from safeguarding.models import MissingUpdate
    from tests.safeguarding.missing_factories import MissingEpisodeFactory

    episode = MissingEpisodeFactory(child=child, noticed_missing_at=timezone.now() - datetime.timedelta(hours=3))
    url = reverse("missing_update_add", args=[episode.pk])
    when = timezone.localtime(timezone.now() - datetime.timedelta(hours=1))
    data = {"happened_at": when.strftime("%Y-%m-%dT%H:%M"), "text": "Seen in the park"}
    return Create(url, url, lambda: dict(data), MissingUpdate.objects.count)


def _return_interview(child, users) -> Create:
    from safeguarding.models import ReturnInterview
    from tests.safeguarding.missing_factories import MissingEpisodeFactory, returned
    from tests.safeguarding.test_missing import interview_form

    episode = returned(MissingEpisodeFactory(child=child), at=timezone.now() - datetime.timedelta(hours=2))
    url = reverse("return_interview", args=[episode.pk])
    return Create(url, url, interview_form, ReturnInterview.objects.count)


def _document(child, users) -> Create:
    from records.models import Document
    from tests.records.test_documents import document_form

    url = reverse("memory_box_add", args=[child.pk])
    return Create(url, url, document_form, Document.objects.count)


def _self_assessment(child, users) -> Create:
    from oversight.models import SelfAssessment

    return Create(
        reverse("self_assessment_start", args=[child.home_id]),
        reverse("implementation_home", args=[child.home_id]),
        dict,
        SelfAssessment.objects.count,
    )


def _implementation_action(child, users) -> Create:
    from oversight.models import ImplementationAction, SelfAssessment

    self_assessment = SelfAssessment.objects.create(home=child.home, started_by=users["manager"])
    url = reverse("implementation_action_add", args=[self_assessment.pk])
    data = {
        "theme": "training",
        "description": "Book the team onto PACE training",
        "owner": users["staff"].pk,
        "due_on": _days_ago(-10),
        "protected_hours": "6",
    }
    return Create(url, url, lambda: dict(data), ImplementationAction.objects.count)


# (the create form, who fills it in)
CREATE_FORMS = [
    (_admit, "manager"),
    (_key_working, "staff"),
    (_activity, "staff"),
    (_arrangement, "manager"),
    (_register, "staff"),
    (_care_plan, "manager"),
    (_risk_assessment, "manager"),
    (_assessment, "assessor"),
    (_adverse_experience, "assessor"),
    (_trackers, "manager"),
    (_evidence_pack, "manager"),
    (_access_code, "manager"),
    (_supervision, "manager"),
    (_supervision_action, "manager"),
    (_training, "manager"),
    (_checkin, "staff"),
    (_supervisor, "manager"),
    (_daily_log, "staff"),
    (_shift_pattern, "manager"),
    (_handover, "staff"),
    (_flag, "staff"),
    (_incident, "staff"),
    (_incident_child, "staff"),
    (_intervention, "staff"),
    (_consequence, "staff"),
    (_complaint, "staff"),
    (_notification, "manager"),
    (_notification_recipient, "deputy"),
    (_allergy, "staff"),
    (_delegated_authority, "manager"),
    (_prescription, "manager"),
    (_medication_error, "staff"),
    (_body_map, "staff"),
    (_body_mark, "staff"),
    (_missing, "staff"),
    (_missing_update, "staff"),
    (_return_interview, "manager"),
    (_document, "staff"),
    (_self_assessment, "manager"),
    (_implementation_action, "manager"),
]
IDS = [make.__name__[1:] for make, _ in CREATE_FORMS]


@pytest.fixture
def users(manager, deputy, staff, assessor) -> dict:
    return {"manager": manager, "deputy": deputy, "staff": staff, "assessor": assessor}


@pytest.mark.parametrize(("make", "person"), CREATE_FORMS, ids=IDS)
def test_the_same_form_submitted_twice_makes_one_record(request, client_for, child, users, make, person):
    create = make(child, users)
    client = client_for(users[person])
    token = token_on(client.get(create.page).text)
    before = create.count()

    first = client.post(create.url, {**create.data(), TOKEN_FIELD: token})
    assert first.status_code in (200, 302)
    assert create.count() == before + 1
    again = client.post(create.url, {**create.data(), TOKEN_FIELD: token})

    assert create.count() == before + 1
    assert again.status_code == 302
    assert ALREADY_SAVED in [str(message) for message in get_messages(again.wsgi_request)]
    if first.status_code == 302:  # it goes where the first one went
        assert again.url == first.url


@pytest.mark.parametrize(
    ("make", "person"),
    [(_admit, "manager"), (_key_working, "staff"), (_activity, "staff"), (_checkin, "staff")],
    ids=["admit", "key_working", "activity", "checkin"],
)
def test_two_renders_of_a_form_make_two_records(client_for, child, users, make, person):
    create = make(child, users)
    client = client_for(users[person])
    tokens = [token_on(client.get(create.page).text) for _ in range(2)]
    assert tokens[0] != tokens[1]  # a fresh token on every render
    before = create.count()
    for token in tokens:
        assert client.post(create.url, {**create.data(), TOKEN_FIELD: token}).status_code == 302
    assert create.count() == before + 2


def test_the_quick_add_form_stays_open_with_a_fresh_token(client_for, child, staff):
    client = client_for(staff)
    url = reverse("activity_log", args=[child.pk])
    token = token_on(client.get(url).text)
    after = client.post(url, {**activity_form(), TOKEN_FIELD: token}, follow=True)
    fresh = token_on(after.text)
    assert fresh != token
    client.post(url, {**activity_form(note="Second"), TOKEN_FIELD: fresh})
    assert Activity.objects.count() == 2


def test_a_refused_form_keeps_its_token_usable(client_for, child, staff):
    client = client_for(staff)
    url = reverse("key_working_add", args=[child.pk])
    token = token_on(client.get(url).text)
    future = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {**key_working_form(staff, happened_at=future), TOKEN_FIELD: token}).status_code == 200
    assert client.post(url, {**key_working_form(staff), TOKEN_FIELD: token}).status_code == 302
    assert KeyWorkingSession.objects.count() == 1


def test_a_token_used_by_someone_else_saves_nothing_and_leaks_nowhere(client_for, child, staff, manager):
    url = reverse("activity_log", args=[child.pk])
    token = token_on(client_for(staff).get(url).text)
    client_for(staff).post(url, {**activity_form(), TOKEN_FIELD: token})
    response = client_for(manager).post(url, {**activity_form(), TOKEN_FIELD: token})
    assert Activity.objects.count() == 1
    assert response.status_code == 302 and response.url == url


def test_old_tokens_are_pruned_on_the_next_save(client_for, child, staff):
    url = reverse("activity_log", args=[child.pk])
    old = SubmissionToken.objects.create(
        token="x" * 32, user=staff, redirect_to=url, created_at=timezone.now() - KEEP_TOKENS_FOR
    )
    client = client_for(staff)
    client.post(url, {**activity_form(), TOKEN_FIELD: token_on(client.get(url).text)})
    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
    assert SubmissionToken.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submits_racing_with_one_token_make_one_record_on_postgresql(home, staff):
    from django.db import connection
    from django.test import Client

    from tests.factories import ChildFactory

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that runs the two submits at the same time")
    child = ChildFactory(home=home, key_worker=staff)
    url = reverse("activity_log", args=[child.pk])

    def submit():
        client = Client()
        client.force_login(staff)
        return client.post(url, {**activity_form(), TOKEN_FIELD: "r" * 32}).status_code

    assert at_the_same_time(submit, submit) == [302, 302]
    assert Activity.objects.filter(child=child).count() == 1
