"""Recording, adding to and countersigning incidents; the physical-intervention record."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from children.models import RiskAssessment, Trigger
from homes.models import Membership
from safeguarding.models import Incident, IncidentChild, PhysicalIntervention
from safeguarding.models.incidents import (
    CHILD_NOT_IN_INCIDENT,
    CHILD_VIEW_OR_FOLLOW_UP,
    FOLLOW_UP_IN_PAST,
    HOLD_ENDS_BEFORE_START,
    INCIDENT_IN_FUTURE,
    NOT_PROPORTIONATE_NEEDS_WHY,
)
from safeguarding.services import incidents as services
from tests.children.factories import RiskAssessmentFactory, TriggerFactory, signed
from tests.factories import ChildFactory, member
from tests.safeguarding.incident_factories import (
    allegation,
    damage,
    make_hold,
    make_incident,
    part_fields,
    physical_intervention,
)
from tests.utils import today


def test_recording_signs_the_incident_and_the_childs_part(child, staff):
    incident = make_incident(child, author=staff)
    assert incident.author == staff and incident.signed_at is not None
    part = incident.parts.get()
    assert part.child == child and part.author == staff and part.signed_at == incident.signed_at
    assert part.child_view_recorded_by == staff  # the view was recorded at the time
    assert not incident.is_countersigned


def test_an_incident_in_the_future_is_refused(child, staff):
    with pytest.raises(ValidationError) as error:
        make_incident(child, author=staff, occurred_at=timezone.now() + datetime.timedelta(hours=1))
    assert INCIDENT_IN_FUTURE in error.value.message_dict["occurred_at"]
    assert not Incident.objects.exists()


def test_the_childs_view_or_why_not_and_a_follow_up_date(child, staff):
    with pytest.raises(ValidationError) as error:
        make_incident(child, author=staff, child_view="")
    message = CHILD_VIEW_OR_FOLLOW_UP.format(child=child.preferred_name)
    assert message in error.value.message_dict["child_view_not_yet"]
    assert message in error.value.message_dict["child_view_follow_up_on"]
    with pytest.raises(ValidationError) as error:
        make_incident(
            child,
            author=staff,
            child_view="",
            child_view_not_yet="Asleep",
            child_view_follow_up_on=today() - datetime.timedelta(days=1),
        )
    assert FOLLOW_UP_IN_PAST in error.value.message_dict["child_view_follow_up_on"]
    incident = make_incident(
        child, author=staff, child_view="", child_view_not_yet="Asleep", child_view_follow_up_on=today()
    )
    assert incident.parts.get().child_view_pending


def test_the_childs_view_recorded_later_is_recorded_once(child, staff, deputy):
    incident = make_incident(
        child, author=staff, child_view="", child_view_not_yet="Asleep", child_view_follow_up_on=today()
    )
    part = incident.parts.get()
    services.incident_part_record_view(part=part, user=deputy, child_view="I was scared.")
    part.refresh_from_db()
    assert part.child_view == "I was scared." and part.child_view_recorded_by == deputy
    with pytest.raises(ValidationError):
        services.incident_part_record_view(part=part, user=staff, child_view="Something else")
    part.refresh_from_db()
    assert part.child_view == "I was scared."


def test_several_children_each_have_their_own_part(child, staff, home):
    other = ChildFactory(home=home, preferred_name="Kai")
    incident = make_incident(child, author=staff)
    services.incident_add_child(incident=incident, child=other, author=staff, **part_fields(what_happened="Kai's part"))
    assert incident.parts.count() == 2
    with pytest.raises(ValidationError):
        services.incident_add_child(incident=incident, child=other, author=staff, **part_fields())
    assert incident.parts.count() == 2


def test_a_child_of_another_home_cannot_be_added(child, staff):
    elsewhere = ChildFactory()
    incident = make_incident(child, author=staff)
    with pytest.raises(ValidationError):
        services.incident_add_child(incident=incident, child=elsewhere, author=staff, **part_fields())


def test_staff_involved_must_work_at_the_home(child, staff):
    stranger = member(ChildFactory().home)
    with pytest.raises(ValidationError) as error:
        make_incident(child, author=staff, staff=[staff, stranger])
    assert "staff_involved" in error.value.message_dict


def test_an_allegation_names_who_it_is_about(child, staff, deputy):
    with pytest.raises(ValidationError) as error:
        make_incident(child, author=deputy, categories=[allegation()])
    assert services.ALLEGATION_NEEDS_PERSON in error.value.message_dict["allegation_against"]
    incident = make_incident(child, author=deputy, categories=[allegation()], allegation_against=[staff])
    assert list(incident.allegation_against.all()) == [staff]


def test_antecedents_come_from_the_childs_own_risk_assessment(child, staff, home):
    other = ChildFactory(home=home)
    theirs = TriggerFactory(assessment=signed(RiskAssessmentFactory(child=other)))
    with pytest.raises(ValidationError):
        make_incident(child, author=staff, antecedents=[theirs])
    mine = TriggerFactory(assessment=signed(RiskAssessmentFactory(child=child)), what="Raised voices")
    incident = make_incident(child, author=staff, antecedents=[mine])
    assert list(incident.parts.get().antecedents.all()) == [mine]


# --- physical intervention -----------------------------------------------------------------


def test_a_hold_is_recorded_with_its_duration(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    hold = make_hold(incident, child, minutes=7)
    assert hold.duration_minutes == 7
    assert hold.author == staff and hold.recorded_at is not None
    assert list(hold.held_by.all()) == [staff]


def test_a_hold_ending_before_it_starts_is_refused(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    with pytest.raises(ValidationError) as error:
        make_hold(incident, child, minutes=-5)
    assert HOLD_ENDS_BEFORE_START in error.value.message_dict["ended_at"]
    assert not PhysicalIntervention.objects.exists()


def test_a_hold_not_necessary_and_proportionate_must_say_why(child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    with pytest.raises(ValidationError) as error:
        make_hold(incident, child, necessary_and_proportionate=False)
    assert NOT_PROPORTIONATE_NEEDS_WHY in error.value.message_dict["proportionality_note"]
    hold = make_hold(incident, child, necessary_and_proportionate=False, proportionality_note="Too quick: learning.")
    assert hold.necessary_and_proportionate is False


def test_a_hold_is_of_a_child_in_the_incident(child, staff, home):
    other = ChildFactory(home=home)
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    with pytest.raises(ValidationError) as error:
        make_hold(incident, other)
    assert CHILD_NOT_IN_INCIDENT in error.value.message_dict["child"]


def test_recording_a_hold_marks_the_incident_as_a_physical_intervention(child, staff):
    incident = make_incident(child, author=staff, categories=[damage()])
    make_hold(incident, child)
    assert services.is_physical_intervention(Incident.objects.get(pk=incident.pk))


# --- countersigning ------------------------------------------------------------------------


def test_the_manager_countersigns_and_closes_it(child, staff, manager, home):
    incident = make_incident(child, author=staff)
    services.incident_countersign(incident=incident, manager=manager, manager_comments="Good work; plan updated.")
    incident.refresh_from_db()
    assert incident.countersigned_by == manager and incident.is_countersigned
    with pytest.raises(ValidationError):
        services.incident_add_child(incident=incident, child=ChildFactory(home=home), author=staff, **part_fields())
    with pytest.raises(ValidationError, match="countersigned"):
        services.incident_countersign(incident=incident, manager=manager)


def test_nobody_countersigns_their_own_record(child, manager):
    incident = make_incident(child, author=manager)
    with pytest.raises(ValidationError, match="another manager"):
        services.incident_countersign(incident=incident, manager=manager)


def test_the_person_an_allegation_is_about_cannot_countersign_it(child, staff, manager, home):
    deputy = member(home, Membership.Role.DEPUTY_MANAGER)
    incident = make_incident(child, author=staff, categories=[allegation()], allegation_against=[deputy])
    with pytest.raises(ValidationError) as error:
        services.incident_countersign(incident=incident, manager=deputy)
    assert services.COUNTERSIGN_ABOUT_YOU in error.value.messages


def test_a_physical_intervention_needs_the_hold_recorded_before_countersigning(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    with pytest.raises(ValidationError) as error:
        services.incident_countersign(incident=incident, manager=manager, spoke_with_staff=True, spoke_with_child=True)
    assert services.INTERVENTION_MISSING in error.value.messages


def test_regulation_35_review_needs_the_manager_to_have_spoken_with_staff_and_child(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child)
    with pytest.raises(ValidationError) as error:
        services.incident_countersign(incident=incident, manager=manager)
    assert error.value.message_dict == {
        "spoke_with_staff": [services.REVIEW_SPOKE_WITH_STAFF],
        "spoke_with_child": [services.REVIEW_SPOKE_WITH_CHILD],
    }
    services.incident_countersign(incident=incident, manager=manager, spoke_with_staff=True, spoke_with_child=True)
    incident.refresh_from_db()
    assert incident.spoke_with_staff and incident.spoke_with_child and incident.is_countersigned


# --- a new antecedent offers a draft risk-assessment revision ----------------------------------


def test_a_new_antecedent_goes_into_a_draft_revision_as_a_trigger_we_wonder_about(child, staff, manager):
    active = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=active, what="Raised voices")
    incident = make_incident(child, author=staff, new_antecedent="A text from her brother")
    draft = services.incident_part_propose_trigger(part=incident.parts.get(), user=manager)
    assert draft.status == RiskAssessment.Status.DRAFT and draft.version == 2
    assert sorted(draft.triggers.values_list("what", flat=True)) == ["A text from her brother", "Raised voices"]
    added = draft.triggers.get(what="A text from her brother")
    assert added.certainty == Trigger.Certainty.WONDER
    # Again: the same draft, and the trigger is not added twice.
    again = services.incident_part_propose_trigger(part=incident.parts.get(), user=manager)
    assert again.pk == draft.pk and again.triggers.filter(what="A text from her brother").count() == 1
    active.refresh_from_db()
    assert active.is_active and not active.triggers.filter(what="A text from her brother").exists()


def test_adding_to_an_open_draft_moves_its_revision_on(child, staff, manager):
    draft = RiskAssessmentFactory(child=child)
    before = draft.revision
    incident = make_incident(child, author=staff, new_antecedent="Bedtime")
    services.incident_part_propose_trigger(part=incident.parts.get(), user=manager)
    draft.refresh_from_db()
    assert draft.revision == before + 1


def test_without_a_new_antecedent_there_is_nothing_to_propose(child, staff, manager):
    incident = make_incident(child, author=staff)
    with pytest.raises(ValidationError):
        services.incident_part_propose_trigger(part=incident.parts.get(), user=manager)
    assert not RiskAssessment.objects.exists()
    assert IncidentChild.objects.count() == 1
