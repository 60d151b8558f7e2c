"""Recording an incident, a hold and countersigning, over HTTP as staff and managers do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from safeguarding.forms.incidents import REGULATION_35_REVIEW
from safeguarding.models import Incident, PhysicalIntervention
from tests.children.factories import RiskAssessmentFactory, TriggerFactory, signed
from tests.factories import ChildFactory
from tests.safeguarding.incident_factories import damage, make_hold, make_incident, physical_intervention, technique


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def incident_form(staff, *, categories=None, **overrides) -> dict:
    data = {
        "occurred_at": _local(timezone.now() - datetime.timedelta(hours=1)),
        "location": "Lounge",
        "categories": [c.pk for c in (categories or [damage()])],
        "staff_involved": [staff.pk],
        "witnesses": "",
        "what_happened": "Kicked the door after tea.",
        "led_up_to": "A new member of staff on shift.",
        "new_antecedent": "",
        "communicating": "I do not feel safe with people I do not know.",
        "de_escalation": "Sat nearby, named the feeling, offered the weighted blanket.",
        "outcome": "Calm by bedtime.",
        "injuries": "",
        "medical_attention": "none",
        "medical_detail": "",
        "child_view": "I didn't know who she was.",
        "child_view_not_yet": "",
        "child_view_follow_up_on": "",
    }
    data.update(overrides)
    return data


def hold_form(child, staff, **overrides) -> dict:
    start = timezone.now() - datetime.timedelta(minutes=50)
    data = {
        "child": child.pk,
        "technique": technique().pk,
        "started_at": _local(start),
        "ended_at": _local(start + datetime.timedelta(minutes=4)),
        "held_by": [staff.pk],
        "present": [],
        "reason": "About to hit his head against the wall.",
        "tried_first": "Calm words, space, a cushion.",
        "effectiveness": "Kept him safe; calm within minutes.",
        "child_injury": "",
        "staff_injury": "",
        "treatment": "",
        "necessary_and_proportionate": "yes",
        "proportionality_note": "",
    }
    data.update(overrides)
    return data


def test_care_staff_record_an_incident_from_the_childs_page(client_for, child, staff):
    client = client_for(staff)
    page = client.get(reverse("child_detail", args=[child.pk]))
    assert reverse("incident_record", args=[child.pk]) in page.text
    response = client.post(reverse("incident_record", args=[child.pk]), incident_form(staff))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == reverse("incident_detail", args=[incident.pk])
    assert incident.author == staff and incident.parts.get().child == child


def test_the_form_offers_the_triggers_of_the_active_risk_assessment(client_for, child, staff):
    trigger = TriggerFactory(assessment=signed(RiskAssessmentFactory(child=child)), what="Unfamiliar adults")
    TriggerFactory(assessment=RiskAssessmentFactory(child=child), what="Only in the draft")
    page = client_for(staff).get(reverse("incident_record", args=[child.pk]))
    assert "Unfamiliar adults" in page.text and "We know this" in page.text
    assert "Only in the draft" not in page.text
    client_for(staff).post(reverse("incident_record", args=[child.pk]), incident_form(staff, antecedents=[trigger.pk]))
    assert list(Incident.objects.get().parts.get().antecedents.all()) == [trigger]


def test_a_missing_view_without_a_reason_is_refused_the_govuk_way(client_for, child, staff):
    response = client_for(staff).post(reverse("incident_record", args=[child.pk]), incident_form(staff, child_view=""))
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "or say why not yet" in response.text
    assert not Incident.objects.exists()


def test_a_physical_intervention_goes_on_to_the_hold_then_the_manager_countersigns(client_for, child, staff, manager):
    client = client_for(staff)
    response = client.post(
        reverse("incident_record", args=[child.pk]), incident_form(staff, categories=[physical_intervention()])
    )
    incident = Incident.objects.get()
    assert response.url == reverse("intervention_record", args=[incident.pk])
    response = client.post(reverse("intervention_record", args=[incident.pk]), hold_form(child, staff))
    assert response.status_code == 302
    hold = PhysicalIntervention.objects.get()
    assert hold.duration_minutes == 4 and hold.author == staff

    boss = client_for(manager)
    page = boss.get(reverse("incident_countersign", args=[incident.pk]))
    assert "Regulation 35(3)(b)" in page.text and REGULATION_35_REVIEW.split(":")[0] in page.text
    refused = boss.post(reverse("incident_countersign", args=[incident.pk]), {"manager_comments": "Reviewed."})
    assert refused.status_code == 200 and "speak with the staff who used the hold" in refused.text
    done = boss.post(
        reverse("incident_countersign", args=[incident.pk]),
        {"manager_comments": "Reviewed.", "spoke_with_staff": "on", "spoke_with_child": "on"},
    )
    assert done.status_code == 302
    incident.refresh_from_db()
    assert incident.countersigned_by == manager


def test_a_hold_not_proportionate_without_why_is_refused(client_for, child, staff):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    response = client_for(staff).post(
        reverse("intervention_record", args=[incident.pk]), hold_form(child, staff, necessary_and_proportionate="no")
    )
    assert response.status_code == 200 and "must be explained" in response.text
    assert not PhysicalIntervention.objects.exists()


def test_another_childs_part_is_added_from_the_incident(client_for, child, staff, home):
    kai = ChildFactory(home=home, preferred_name="Kai")
    incident = make_incident(child, author=staff)
    page = client_for(staff).get(reverse("incident_detail", args=[incident.pk]))
    url = reverse("incident_add_child", args=[incident.pk, kai.pk])
    assert url in page.text
    data = {
        k: v
        for k, v in incident_form(staff).items()
        if k not in {"occurred_at", "location", "categories", "staff_involved", "witnesses"}
    }
    response = client_for(staff).post(url, {**data, "child": kai.pk})
    assert response.status_code == 302
    assert incident.parts.filter(child=kai).exists()
    again = client_for(staff).get(url)
    assert again.status_code == 302  # Kai's part is there already


def test_the_childs_view_is_recorded_later(client_for, child, staff):
    incident = make_incident(
        child,
        author=staff,
        child_view="",
        child_view_not_yet="Asleep",
        child_view_follow_up_on=timezone.localdate(),
    )
    part = incident.parts.get()
    url = reverse("incident_part_view", args=[part.pk])
    assert client_for(staff).post(url, {"child_view": ""}).status_code == 200
    assert client_for(staff).post(url, {"child_view": "It was too loud."}).status_code == 302
    part.refresh_from_db()
    assert part.child_view == "It was too loud."


def test_the_new_antecedent_offer_starts_a_draft(client_for, child, staff, manager):
    signed(RiskAssessmentFactory(child=child))
    incident = make_incident(child, author=staff, new_antecedent="Fireworks")
    part = incident.parts.get()
    page = client_for(manager).get(reverse("incident_part_detail", args=[part.pk]))
    assert "Start a draft risk assessment with this trigger" in page.text
    response = client_for(manager).post(reverse("incident_part_risk_revision", args=[part.pk]))
    draft = child.risk_assessments.get(status="draft")
    assert response.url == reverse("risk_assessment_edit", args=[draft.pk])
    assert draft.triggers.filter(what="Fireworks").exists()
    # Care staff cannot revise the plan.
    assert client_for(staff).post(reverse("incident_part_risk_revision", args=[part.pk])).status_code == 403


def test_nothing_is_added_after_countersigning(client_for, child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child)
    from safeguarding.services.incidents import incident_countersign

    incident_countersign(incident=incident, manager=manager, spoke_with_staff=True, spoke_with_child=True)
    response = client_for(staff).post(reverse("intervention_record", args=[incident.pk]), hold_form(child, staff))
    assert response.status_code == 302
    assert PhysicalIntervention.objects.count() == 1


@pytest.mark.parametrize("name", ["incident_record"])
def test_the_forms_pages_render_for_staff(client_for, child, staff, name):
    assert client_for(staff).get(reverse(name, args=[child.pk])).status_code == 200


def test_a_debrief_for_the_staff_involved_opens_from_the_incident(client_for, child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child)
    page = client_for(manager).get(reverse("incident_detail", args=[incident.pk]))
    url = reverse("supervision_record", args=[child.home_id]) + f"?kind=debrief&amp;attendees={staff.pk}"
    assert url in page.text
    form = client_for(manager).get(url.replace("&amp;", "&"))
    assert form.status_code == 200
    initial = form.context["form"].initial
    assert initial["kind"] == "debrief" and initial["attendees"] == [staff.pk]
    # Care staff do not record supervision, so they are not offered the debrief.
    assert "Open a debrief" not in client_for(staff).get(reverse("incident_detail", args=[incident.pk])).text


def test_a_body_map_is_recorded_after_the_incident_and_shown_with_it(client_for, child, staff, manager, home):
    from safeguarding.models import BodyMap
    from tests.safeguarding.test_body_maps import form_data as body_map_form

    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child)
    page = client_for(staff).get(reverse("incident_detail", args=[incident.pk]))
    add = reverse("body_map_add", args=[child.pk]) + f"?incident={incident.pk}"
    assert add in page.text
    response = client_for(staff).post(add, body_map_form(context="noticed"))
    assert response.status_code == 302
    body_map = BodyMap.objects.get()
    assert body_map.incident == incident and body_map.context == BodyMap.Context.INCIDENT
    shown = client_for(manager).get(reverse("incident_detail", args=[incident.pk]))
    assert reverse("body_map_detail", args=[body_map.pk]) in shown.text and "1 mark" in shown.text
    part = client_for(manager).get(reverse("incident_part_detail", args=[incident.parts.get().pk]))
    assert reverse("body_map_detail", args=[body_map.pk]) in part.text
    # Not for an incident the child was not part of.
    other = make_incident(ChildFactory(home=home), author=staff)
    wrong = reverse("body_map_add", args=[child.pk]) + f"?incident={other.pk}"
    assert client_for(staff).get(wrong).status_code == 404
