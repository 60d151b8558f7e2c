"""Two people editing the same record never silently overwrite each other (homes/concurrency.py).

For every edit form of a record more than one person can edit: both open the form, the first
saves, the second's save is refused with what is saved now beside what they typed (still in the
form), and saving again then keeps theirs, knowingly."""

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from assessments.forms import HistoryForm
from assessments.forms import PolicyForm as AssessmentPolicyForm
from assessments.models import Assessment, AssessmentPolicy, DevelopmentalHistory
from assessments.services.assessment import assessment_start
from assessments.services.history import askable_periods
from children.forms.child import ChildEditForm
from children.forms.provision import ArrangementEditForm
from children.models import CarePlan, Child, ProvisionArrangement, RiskAssessment
from homes import concurrency
from homes.models import Membership
from supervision.forms import PolicyForm as SupervisionPolicyForm
from supervision.models import SupervisionPolicy
from tests.children.factories import CarePlanFactory, ProvisionArrangementFactory, RiskAssessmentFactory
from tests.children.test_care_plan_editing_safety import _assessment_form
from tests.children.test_care_plan_views import plan_form
from tests.factories import ChildFactory, member
from tests.tracker.factories import LAST_MONTH, MeetingFactory, TrackerFactory
from tests.utils import at_the_same_time
from tracker.forms import MeetingForm, TrackerForm
from tracker.models import MonthlyTracker, ReviewMeeting


def form_data(*page_forms: forms.BaseForm) -> dict:
    """What the page's forms send when submitted untouched."""
    data = {}
    for form in page_forms:
        for field in form:
            value = field.value()
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[field.html_name] = "" if value is None else value
    return data


@dataclass
class Case:
    url: str
    data: dict  # the untouched form, as both people opened it
    field: str  # the field both change
    first: str
    second: str
    saved: Callable[[], object]  # the field's value as saved now


def _child_details(child) -> Case:
    return Case(
        reverse("child_edit", args=[child.pk]),
        form_data(ChildEditForm(instance=child)),
        "school",
        "Calder High School",
        "Brook Academy",
        lambda: Child.objects.get(pk=child.pk).school,
    )


def _provision(child) -> Case:
    arrangement = ProvisionArrangementFactory(child=child)
    return Case(
        reverse("provision_arrangement_edit", args=[arrangement.pk]),
        form_data(ArrangementEditForm(instance=arrangement)),
        "provider",
        "Calder Dramatherapy",
        "Pennine Play Therapy",
        lambda: ProvisionArrangement.objects.get(pk=arrangement.pk).provider,
    )


def _tracker(child) -> Case:
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    return Case(
        reverse("tracker_edit", args=[tracker.pk]),
        form_data(TrackerForm(instance=tracker)),
        "priorities",
        "Bedtime routine first.",
        "School mornings first.",
        lambda: MonthlyTracker.objects.get(pk=tracker.pk).priorities,
    )


def _meeting(child) -> Case:
    tracker = TrackerFactory(child=child, month=LAST_MONTH)
    manager = member(child.home, Membership.Role.MANAGER)
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=child.assessor)
    return Case(
        reverse("meeting_edit", args=[tracker.pk]),
        form_data(MeetingForm(instance=meeting)),
        "decisions",
        "Weekly swim with her key worker.",
        "Fortnightly climbing instead.",
        lambda: ReviewMeeting.objects.get(pk=meeting.pk).decisions,
    )


def _history(child) -> Case:
    return Case(
        reverse("history_edit", args=[child.pk]),
        form_data(HistoryForm(initial={"revision": 1}, periods=askable_periods(child))),
        "summary",
        "From the social work chronology.",
        "From her nan, at the first visit.",
        lambda: DevelopmentalHistory.objects.get(child=child).summary,
    )


def _assessment_policy(child) -> Case:
    return Case(
        reverse("assessment_policy_edit", args=[child.home_id]),
        form_data(AssessmentPolicyForm(instance=AssessmentPolicy.for_home(child.home))),
        "interval_months",
        "3",
        "9",
        lambda: str(AssessmentPolicy.objects.get(home=child.home).interval_months),
    )


def _supervision_policy(child) -> Case:
    return Case(
        reverse("supervision_policy", args=[child.home_id]),
        form_data(SupervisionPolicyForm(instance=SupervisionPolicy.for_home(child.home))),
        "supervision_every_weeks",
        "6",
        "8",
        lambda: str(SupervisionPolicy.objects.get(home=child.home).supervision_every_weeks),
    )


def _care_plan(child) -> Case:
    plan = CarePlanFactory(child=child)
    return Case(
        reverse("care_plan_edit", args=[plan.pk]),
        plan_form(plan),
        "family_time",
        "Video call with Mum on Sundays",
        "Visit to Nan every other Saturday",
        lambda: CarePlan.objects.get(pk=plan.pk).family_time,
    )


def _risk_assessment(child) -> Case:
    assessment = RiskAssessmentFactory(child=child)
    return Case(
        reverse("risk_assessment_edit", args=[assessment.pk]),
        _assessment_form(assessment, []),
        "what_helps",
        "Her weighted blanket",
        "A walk round the garden",
        lambda: RiskAssessment.objects.get(pk=assessment.pk).what_helps,
    )


def _assessment_draft(child) -> Case:
    draft = assessment_start(
        child=child, assessor=child.assessor, assessed_on=timezone.localdate(), kind=Assessment.Kind.INITIAL
    )
    return Case(
        reverse("assessment_entry", args=[draft.pk]),
        {"assessed_on": draft.assessed_on.isoformat(), "notes": "", "revision": draft.revision},
        "notes",
        "Seen at home, with her key worker.",
        "Seen at school.",
        lambda: Assessment.objects.get(pk=draft.pk).notes,
    )


def _supervision_session(child) -> Case:
    """Only the supervisor edits a session before it is signed: here, in two tabs."""
    from supervision.forms import SessionEditForm
    from supervision.models import SupervisionSession
    from supervision.services.session import supervision_session_record

    supervisor = Membership.objects.get(home=child.home, role=Membership.Role.MANAGER).user
    session = supervision_session_record(
        home=child.home,
        supervisor=supervisor,
        recorded_by=supervisor,
        attendees=[child.key_worker],
        kind=SupervisionSession.Kind.INDIVIDUAL,
        held_on=timezone.localdate(),
        duration_minutes=60,
    )
    return Case(
        reverse("supervision_session_edit", args=[session.pk]),
        form_data(SessionEditForm(instance=session)),
        "notes",
        "Talked about the night shifts.",
        "Talked about the new rota.",
        lambda: SupervisionSession.objects.get(pk=session.pk).notes,
    )


def _shift_pattern(child) -> Case:
    from shifts.forms import ShiftPatternEditForm
    from shifts.models import ShiftPattern
    from tests.shifts.factories import ShiftPatternFactory

    shift = ShiftPatternFactory(home=child.home)
    return Case(
        reverse("shift_pattern_edit", args=[shift.pk]),
        form_data(ShiftPatternEditForm(instance=shift)),
        "name",
        "Early (school days)",
        "Early (weekdays)",
        lambda: ShiftPattern.objects.get(pk=shift.pk).name,
    )


def _handover(child) -> Case:
    from shifts.forms import HandoverForm
    from shifts.models import Handover
    from tests.shifts.factories import HandoverFactory

    handover = HandoverFactory(home=child.home, started_by=child.key_worker)
    return Case(
        reverse("handover_detail", args=[handover.pk]),
        {**form_data(HandoverForm(instance=handover)), "action": "save"},
        "summary",
        "Quiet evening; the boiler man comes at ten.",
        "Quiet evening; Ruby has a dentist letter.",
        lambda: Handover.objects.get(pk=handover.pk).summary,
    )


def _consequence_follow_up(child) -> Case:
    from safeguarding.forms.consequences import ConsequenceFollowUpForm
    from safeguarding.models import Consequence
    from tests.safeguarding.notices_factories import ConsequenceFactory

    consequence = ConsequenceFactory(child=child)
    return Case(
        reverse("consequence_follow_up", args=[consequence.pk]),
        form_data(ConsequenceFollowUpForm(instance=consequence)),
        "helped_notes",
        "Calmer at bedtime since.",
        "Still cross the next morning.",
        lambda: Consequence.objects.get(pk=consequence.pk).helped_notes,
    )


def _complaint(child) -> Case:
    from safeguarding.forms.complaints import ComplaintHandleForm
    from safeguarding.models import Complaint
    from tests.safeguarding.notices_factories import ComplaintFactory

    complaint = ComplaintFactory(child=child)
    return Case(
        reverse("complaint_handle", args=[complaint.pk]),
        form_data(ComplaintHandleForm(instance=complaint)),
        "action_taken",
        "Rang her nan to arrange a call.",
        "Asked the social worker about visits.",
        lambda: Complaint.objects.get(pk=complaint.pk).action_taken,
    )


def _notification(child) -> Case:
    from safeguarding.forms.notifications import NotificationEditForm
    from safeguarding.models import Notification
    from tests.safeguarding.notices_factories import make_notification

    notification = make_notification(child)
    return Case(
        reverse("notification_edit", args=[notification.pk]),
        form_data(NotificationEditForm(instance=notification)),
        "actions",
        "Placing authority told by phone at 09:10.",
        "Social worker told by e-mail at 09:30.",
        lambda: Notification.objects.get(pk=notification.pk).actions,
    )


def _missing_episode(child) -> Case:
    from safeguarding.forms.missing import MissingEditForm
    from safeguarding.models import MissingEpisode
    from tests.safeguarding.missing_factories import MissingEpisodeFactory

    episode = MissingEpisodeFactory(child=child)
    return Case(
        reverse("missing_edit", args=[episode.pk]),
        form_data(MissingEditForm(instance=episode)),
        "search_details",
        "The park and the shops.",
        "Her friend on Mill Lane.",
        lambda: MissingEpisode.objects.get(pk=episode.pk).search_details,
    )


def _return_interview(child) -> Case:
    from safeguarding.forms.missing import ReturnInterviewEditForm
    from safeguarding.models import ReturnInterview
    from tests.safeguarding.missing_factories import MissingEpisodeFactory, ReturnInterviewFactory, returned

    interview = ReturnInterviewFactory(episode=returned(MissingEpisodeFactory(child=child)))
    return Case(
        reverse("return_interview", args=[interview.episode_id]),
        form_data(ReturnInterviewEditForm(instance=interview)),
        "changes",
        "Family time with her cousin every fortnight.",
        "A phone she can call us on.",
        lambda: ReturnInterview.objects.get(pk=interview.pk).changes,
    )


def _appointment_outcome(child) -> Case:
    from health.forms import AppointmentOutcomeForm
    from health.models import Appointment
    from tests.health.factories import AppointmentFactory

    appointment = AppointmentFactory(child=child, starts_at=timezone.now() - datetime.timedelta(days=2))
    return Case(
        reverse("health_appointment_outcome", args=[appointment.pk]),
        form_data(AppointmentOutcomeForm(instance=appointment)),
        "outcome",
        "Two fillings next month.",
        "No treatment needed.",
        lambda: Appointment.objects.get(pk=appointment.pk).outcome,
    )


# (the form, who saves first, who saves second)
FORMS = [
    (_child_details, "manager", "deputy"),
    (_provision, "manager", "deputy"),
    (_tracker, "manager", "assessor"),
    (_meeting, "assessor", "manager"),
    (_history, "assessor", "clinical_lead"),
    (_assessment_policy, "manager", "deputy"),
    (_supervision_policy, "deputy", "manager"),
    (_care_plan, "manager", "deputy"),
    (_risk_assessment, "assessor", "manager"),
    (_assessment_draft, "assessor", "clinical_lead"),
    (_supervision_session, "manager", "manager"),
    (_shift_pattern, "manager", "deputy"),
    (_handover, "staff", "deputy"),
    (_consequence_follow_up, "deputy", "manager"),
    (_complaint, "manager", "deputy"),
    (_notification, "deputy", "manager"),
    (_missing_episode, "staff", "manager"),
    (_return_interview, "manager", "deputy"),
    (_appointment_outcome, "staff", "manager"),
]


@pytest.mark.parametrize(("make", "first_person", "second_person"), FORMS, ids=[f[0].__name__[1:] for f in FORMS])
def test_the_second_save_is_refused_beside_the_first_and_keeps_what_was_typed(
    request, client_for, child, make, first_person, second_person
):
    first_user, second_user = request.getfixturevalue(first_person), request.getfixturevalue(second_person)
    case = make(child)
    first, second = client_for(first_user), client_for(second_user)
    # Both open the form at revision 1 (an ordinary hidden input).
    for client in (first, second):
        page = client.get(case.url).text
        assert 'type="hidden" name="revision" value="1"' in page or 'name="revision" value="1"' in page

    assert first.post(case.url, {**case.data, case.field: case.first}).status_code == 302
    response = second.post(case.url, {**case.data, case.field: case.second})

    assert response.status_code == 200
    page = response.text
    assert "What changed while you were editing" in page
    assert first_user.full_name.replace("'", "&#x27;") in page  # the message names who saved
    # Field by field: what is saved now beside what this person typed...
    assert f'<td class="pre-line">{case.first}</td><td class="pre-line">{case.second}</td>' in page
    # ...which is still in the form, now at the revision they have seen.
    assert f'value="{case.second}"' in page or f"{case.second}</textarea>" in page
    assert 'name="revision" value="2"' in page
    assert str(case.saved()) == case.first

    # Having seen the difference, saving again keeps theirs.
    assert second.post(case.url, {**case.data, case.field: case.second, "revision": 2}).status_code == 302
    assert str(case.saved()) == case.second


def test_the_generic_message_names_who_saved_and_when(client_for, manager, deputy, child):
    case = _child_details(child)
    client_for(manager).post(case.url, {**case.data, "school": "Calder High School"})
    page = client_for(deputy).post(case.url, {**case.data, "school": "Brook Academy"}).text
    child.refresh_from_db()
    when = timezone.localtime(child.revised_at).strftime("%-d %B %Y at %H:%M")
    assert concurrency.STALE_EDIT.format(who=manager, when=when).replace("'", "&#x27;") in page


def test_the_assessment_autosave_refuses_a_stale_page_and_moves_the_page_on(client_for, assessor, clinical_lead, child):
    case = _assessment_draft(child)
    url = case.url.replace("/entry/", "/autosave/")
    first = client_for(assessor).post(url, {**case.data, "score-S1": "3"})
    assert first.status_code == 200 and first.json()["revision"] == 2
    stale = client_for(clinical_lead).post(url, {**case.data, "score-S1": "1"})
    assert stale.status_code == 409 and stale.json()["stale"] is True
    assert assessor.full_name in stale.json()["errors"]["__all__"][0]
    assert dict(Assessment.objects.get().scores.values_list("item__code", "value")) == {"S1": 3}
    # The assessor's next autosave carries the revision the last one reached.
    assert client_for(assessor).post(url, {**case.data, "score-S1": "4", "revision": 2}).status_code == 200


@pytest.mark.parametrize("make", [_child_details, _history], ids=["crispy form", "hand-written form"])
def test_a_form_without_its_revision_is_not_saved_and_says_so(client_for, manager, clinical_lead, child, make):
    case = make(child)
    data = {key: value for key, value in case.data.items() if key != "revision"}
    response = client_for(clinical_lead if make is _history else manager).post(
        case.url, {**data, case.field: case.first}
    )
    assert response.status_code == 200
    assert escape(concurrency.REVISION_MISSING) in response.text
    with contextlib.suppress(DevelopmentalHistory.DoesNotExist):
        assert case.saved() != case.first


@pytest.mark.django_db(transaction=True)
def test_revision_claim_needs_the_services_transaction(child, manager):
    with pytest.raises(RuntimeError):
        concurrency.revision_claim(child, revision=1, user=manager)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql_let_exactly_one_through(home, staff, manager, deputy):
    from django.db import connection

    from children.services.child import child_update

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that runs the two saves at the same time")
    child = ChildFactory(home=home, key_worker=staff)

    def save(user):
        return lambda: child_update(child=Child.objects.get(pk=child.pk), user=user, revision=1, school=str(user))

    outcomes = at_the_same_time(save(manager), save(deputy))
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Child", "StaleEdit"]
    assert Child.objects.get(pk=child.pk).revision == 2


def test_a_time_on_both_sides_reads_as_the_home_reads_it():
    """The database gives a time in UTC, the form the same instant in local time (BST in
    summer): they are no difference. A change of the hour is one, though the day is the same."""

    class Form(forms.Form):
        when = forms.DateTimeField(label="When")

    saved = Form(initial={"when": datetime.datetime(2026, 7, 10, 23, 30, tzinfo=datetime.UTC)})
    same = Form(data={"when": "2026-07-11T00:30"})
    later = Form(data={"when": "2026-07-11T01:30"})
    assert concurrency.snapshot([saved]) == {"when": ("When", "11 July 2026, 00:30")}
    assert concurrency.differences(concurrency.snapshot([saved]), concurrency.snapshot([same])) == []
    assert [d.yours for d in concurrency.differences(concurrency.snapshot([saved]), concurrency.snapshot([later]))] == [
        "11 July 2026, 01:30"
    ]
