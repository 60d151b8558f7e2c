"""Two people editing the same draft cannot silently overwrite each other: the second save is
refused, shows what changed field by field, and keeps what was typed."""

import pytest
from django.urls import reverse

from children import extensions
from children.services import care_plan as services
from children.services import versioning
from tests.children.factories import CarePlanFactory, GoalFactory, RiskAssessmentFactory, TriggerFactory
from tests.children.test_care_plan_views import plan_form
from tests.utils import at_the_same_time


@pytest.fixture(autouse=True)
def _no_assessment(monkeypatch):
    monkeypatch.setattr(extensions, "_focus_areas", [])


def test_the_service_refuses_a_stale_revision(child, manager, deputy):
    plan = CarePlanFactory(child=child)
    services.care_plan_save(plan=plan, user=manager, revision=1, fields={"health": "Asthma review in May"}, goals=[])
    with pytest.raises(versioning.StaleEdit) as raised:
        services.care_plan_save(plan=plan, user=deputy, revision=1, fields={"health": "Dentist"}, goals=[])
    assert raised.value.message == versioning.STALE_EDIT.format(who=manager)
    plan.refresh_from_db()
    assert (plan.health, plan.revision, plan.updated_by) == ("Asthma review in May", 2, manager)


def test_the_second_save_is_refused_with_what_changed_and_keeps_what_was_typed(client_for, manager, deputy, child):
    plan = CarePlanFactory(child=child)
    goal = GoalFactory(plan=plan)
    first, second = client_for(manager), client_for(deputy)
    url = reverse("care_plan_edit", args=[plan.pk])
    # Both open the form at revision 1.
    assert 'name="revision" value="1"' in first.get(url).text
    assert 'name="revision" value="1"' in second.get(url).text

    ours = plan_form(plan, existing=[goal], family_time="Video call with Mum on Sundays")
    ours["goals-0-success_looks_like"] = "Asleep by ten most nights"
    assert first.post(url, ours).status_code == 302

    theirs = plan_form(plan, existing=[goal], family_time="Visit to Nan every other Saturday")
    theirs["education"] = "Maths tutor on Tuesdays"
    response = second.post(url, theirs)

    assert response.status_code == 200
    page = response.text
    assert versioning.STALE_EDIT.format(who=manager).replace("'", "&#x27;") in page
    assert "What changed while you were editing" in page
    # Field by field: what is saved now beside what this person typed.
    assert '<th scope="row">Family time</th><td class="pre-line">Video call with Mum on Sundays</td>' in page
    assert "Visit to Nan every other Saturday</td></tr>" in page
    assert "Goal “Settle to sleep with a familiar routine”: What success looks like" in page
    # Nothing typed is lost: the form is shown again with the second person's input...
    assert "Visit to Nan every other Saturday</textarea>" in page
    assert "Maths tutor on Tuesdays</textarea>" in page
    # ...and the first save stands.
    plan.refresh_from_db()
    assert plan.family_time == "Video call with Mum on Sundays" and plan.education == ""
    # Having seen the difference, saving again keeps theirs deliberately.
    assert 'name="revision" value="2"' in page
    assert second.post(url, {**theirs, "revision": 2}).status_code == 302
    plan.refresh_from_db()
    assert plan.family_time == "Visit to Nan every other Saturday" and plan.revision == 3


def test_a_save_after_sign_off_is_refused_with_a_message(client_for, manager, deputy, child):
    plan = CarePlanFactory(child=child)
    url = reverse("care_plan_edit", args=[plan.pk])
    data = plan_form(plan, health="New GP")
    client_for(manager).post(reverse("care_plan_sign_off", args=[plan.pk]), {"revision": plan.revision})
    response = client_for(deputy).post(url, data)
    assert versioning.NOT_A_DRAFT in response.text
    assert "New GP</textarea>" in response.text  # kept, to copy into a revision
    plan.refresh_from_db()
    assert plan.health == ""


def _assessment_form(assessment, triggers, **fields) -> dict:
    data = {
        "revision": assessment.revision,
        "early_signs": assessment.early_signs,
        "what_helps": assessment.what_helps,
        "what_makes_it_worse": assessment.what_makes_it_worse,
        "review_date": assessment.review_date.isoformat(),
        "triggers-TOTAL_FORMS": len(triggers),
        "triggers-INITIAL_FORMS": len(triggers),
        "triggers-MIN_NUM_FORMS": 0,
        "triggers-MAX_NUM_FORMS": 1000,
        "risks-TOTAL_FORMS": 0,
        "risks-INITIAL_FORMS": 0,
        "risks-MIN_NUM_FORMS": 0,
        "risks-MAX_NUM_FORMS": 1000,
    }
    for i, trigger in enumerate(triggers):
        data.update(
            {
                f"triggers-{i}-id": trigger.pk,
                f"triggers-{i}-assessment": assessment.pk,
                f"triggers-{i}-what": trigger.what,
                f"triggers-{i}-likely_response": trigger.likely_response,
                f"triggers-{i}-certainty": trigger.certainty,
            }
        )
    data.update(fields)
    return data


def test_risk_assessments_are_protected_the_same_way(client_for, manager, assessor, child):
    assessment = RiskAssessmentFactory(child=child)
    trigger = TriggerFactory(assessment=assessment)
    url = reverse("risk_assessment_edit", args=[assessment.pk])
    first = _assessment_form(assessment, [trigger], **{"triggers-0-what": "Doors banging at night"})
    second = _assessment_form(assessment, [trigger], what_helps="Her weighted blanket")
    assert client_for(manager).post(url, first).status_code == 302
    response = client_for(assessor).post(url, second)
    assert response.status_code == 200
    assert "Trigger “Doors banging at night”: Trigger" in response.text
    assert "Her weighted blanket</textarea>" in response.text
    assessment.refresh_from_db()
    trigger.refresh_from_db()
    assert trigger.what == "Doors banging at night"
    assert assessment.what_helps == "A quiet space and a warm drink; an adult she knows nearby."


def test_sign_off_refuses_a_draft_that_changed_after_the_manager_read_it(client_for, manager, deputy, child):
    plan = CarePlanFactory(child=child)
    page = client_for(manager).get(reverse("care_plan_detail", args=[plan.pk])).text
    assert 'name="revision" value="1"' in page
    services.care_plan_save(plan=plan, user=deputy, revision=1, fields={"boundaries": "No phones at dinner"}, goals=[])
    response = client_for(manager).post(reverse("care_plan_sign_off", args=[plan.pk]), {"revision": 1}, follow=True)
    assert versioning.CHANGED_SINCE_READ.format(who=deputy).replace("'", "&#x27;") in response.text
    plan.refresh_from_db()
    assert plan.is_draft
    assert client_for(manager).post(reverse("care_plan_sign_off", args=[plan.pk]), {"revision": "x"}).status_code == 302
    plan.refresh_from_db()
    assert plan.is_draft


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql_let_exactly_one_through(child, manager, deputy):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that runs the two saves at the same time")
    plan = CarePlanFactory(child=child)

    def save(user):
        return lambda: services.care_plan_save(plan=plan, user=user, revision=1, fields={"health": str(user)}, goals=[])

    outcomes = at_the_same_time(save(manager), save(deputy))
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["CarePlan", "StaleEdit"]
    plan.refresh_from_db()
    assert plan.revision == 2
