"""Every assessments view: the persona matrix, then what each page does."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments import selectors
from assessments.models import AdverseExperience, Assessment, AssessmentPolicy, DevelopmentalHistory, Item
from assessments.services import assessment as services
from homes.models import Membership
from tests.assessments.factories import make_assessment
from tests.factories import UserFactory, member
from tests.utils import count_queries, today


@pytest.fixture
def final(instrument, child, assessor):
    return make_assessment(child, assessor, scores=2, final=True)


@pytest.fixture
def draft(instrument, child, assessor):
    return make_assessment(child, assessor, scores={"S1": 1})


@pytest.fixture
def experience(child, assessor):
    return AdverseExperience.objects.create(
        child=child, category="separation", source="Chronology", certainty="confirmed", recorded_by=assessor
    )


@pytest.fixture
def visiting_assessor(child, other_home):
    """Assigned to the child, but an assessor of another home only."""
    person = member(other_home, Membership.Role.ASSESSOR)
    child.assessor = person
    child.save(update_fields=["assessor"])
    return person


def url(name, request, fixture):
    return reverse(name, args=[request.getfixturevalue(fixture).pk])


READ_VIEWS = [
    ("assessment_list", "child"),
    ("assessment_compare", "child"),
    ("assessment_detail", "final"),
    ("history_detail", "child"),
]
FORM_VIEWS = [
    ("assessment_new", "child"),
    ("assessment_entry", "draft"),
    ("assessment_check", "draft"),
    ("assessment_correct", "final"),
    ("history_edit", "child"),
    ("adverse_experience_add", "child"),
]
POST_VIEWS = [("assessment_autosave", "draft"), ("adverse_experience_withdraw", "experience")]
ASSESSORS = ["assessor", "home_assessor", "visiting_assessor", "clinical_lead", "administrator"]
READERS = ["manager", "deputy", "staff"]


@pytest.mark.parametrize("persona", ASSESSORS + READERS)
@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS)
def test_everyone_who_reaches_the_child_reads(request, client_for, persona, view, fixture):
    response = client_for(request.getfixturevalue(persona)).get(url(view, request, fixture))
    assert response.status_code == 200
    assert "Siobhán" in response.text


@pytest.mark.parametrize("persona", ASSESSORS)
@pytest.mark.parametrize(("view", "fixture"), FORM_VIEWS)
def test_assessors_get_the_forms(request, client_for, persona, view, fixture):
    assert client_for(request.getfixturevalue(persona)).get(url(view, request, fixture)).status_code == 200


@pytest.mark.parametrize("persona", READERS)
@pytest.mark.parametrize(("view", "fixture"), FORM_VIEWS + POST_VIEWS)
def test_managers_and_care_staff_cannot_write(request, client_for, persona, view, fixture):
    client = client_for(request.getfixturevalue(persona))
    target = url(view, request, fixture)
    if (view, fixture) in FORM_VIEWS:
        assert client.get(target).status_code == 403
    before = (Assessment.objects.count(), AdverseExperience.objects.filter(archived=False).count())
    assert client.post(target, {"score-S1": "4", "correction_reason": "x", "source": "x"}).status_code == 403
    assert (Assessment.objects.count(), AdverseExperience.objects.filter(archived=False).count()) == before


@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS + FORM_VIEWS + POST_VIEWS)
@pytest.mark.parametrize("persona", ["other_manager", "other_assessor"])
def test_another_homes_people_get_404(request, client_for, other_home, view, fixture, persona):
    person = (
        request.getfixturevalue("other_manager")
        if persona == "other_manager"
        else member(other_home, Membership.Role.ASSESSOR)
    )
    client = client_for(person)
    target = url(view, request, fixture)
    if (view, fixture) in POST_VIEWS:
        assert client.post(target).status_code == 404
    else:
        assert client.get(target).status_code == 404
    if (view, fixture) in FORM_VIEWS:
        assert client.post(target).status_code == 404


@pytest.mark.parametrize(("view", "fixture"), READ_VIEWS)
def test_read_views_refuse_post(request, client_for, manager, view, fixture):
    assert client_for(manager).post(url(view, request, fixture)).status_code == 405


@pytest.mark.parametrize(("view", "fixture"), POST_VIEWS)
def test_post_views_refuse_get(request, client_for, assessor, view, fixture):
    assert client_for(assessor).get(url(view, request, fixture)).status_code == 405


@pytest.mark.parametrize(("view", "fixture"), FORM_VIEWS)
def test_form_views_refuse_other_methods(request, client_for, assessor, view, fixture):
    assert client_for(assessor).put(url(view, request, fixture)).status_code == 405


def test_anonymous_people_are_sent_to_log_in(client, child):
    response = client.get(reverse("assessment_list", args=[child.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- the re-assessment interval -------------------------------------------------------------


def test_policy_persona_matrix(client_for, home, manager, deputy, staff, assessor, administrator, other_manager):
    target = reverse("assessment_policy_edit", args=[home.pk])
    assert client_for(manager).get(target).status_code == 200
    assert client_for(administrator).get(target).status_code == 200
    for person in (staff, assessor):
        assert client_for(person).get(target).status_code == 403
        assert client_for(person).post(target, {"interval_months": 3}).status_code == 403
    assert client_for(other_manager).get(target).status_code == 404
    assert client_for(manager).delete(target).status_code == 405
    response = client_for(deputy).post(target, {"interval_months": 4, "revision": 1})
    assert response.status_code == 302
    assert AssessmentPolicy.objects.get(home=home).interval_months == 4


def test_policy_refuses_an_interval_out_of_range(client_for, home, manager):
    response = client_for(manager).post(reverse("assessment_policy_edit", args=[home.pk]), {"interval_months": 0})
    assert response.status_code == 200
    assert not AssessmentPolicy.objects.exists()


# --- starting, entering, finalising ---------------------------------------------------------


def test_an_assessor_starts_a_draft_and_lands_on_entry(client_for, instrument, assessor, child):
    response = client_for(assessor).post(
        reverse("assessment_new", args=[child.pk]), {"assessed_on": today().isoformat(), "kind": "initial"}
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("assessment_entry", args=[assessment.pk])
    assert (assessment.assessor, assessment.status, assessment.instrument) == (assessor, "draft", instrument)


def test_new_refuses_a_future_date_with_a_message(client_for, instrument, assessor, child):
    future = (today() + datetime.timedelta(days=2)).isoformat()
    response = client_for(assessor).post(
        reverse("assessment_new", args=[child.pk]), {"assessed_on": future, "kind": "initial"}
    )
    assert response.status_code == 200
    assert services.DATE_IN_FUTURE in response.text
    assert not Assessment.objects.exists()


def test_the_entry_page_shows_every_item_with_its_description_and_the_scale(client_for, assessor, draft):
    page = client_for(assessor).get(reverse("assessment_entry", args=[draft.pk])).text
    assert page.count('type="radio"') == 32 * 5
    assert "Goes to sleep and stays asleep" in page  # S1's description
    assert "Fully developed" in page
    assert 'name="score-S1" id="score-S1-1" value="1" autocomplete="off" aria-describedby="desc-S1" checked' in page


def entry_data(assessment, value="3", skip=()) -> dict:
    data = {
        "assessed_on": assessment.assessed_on.isoformat(),
        "notes": "Seen at home.",
        "revision": assessment.revision,
    }
    for code in Item.objects.filter(instrument=assessment.instrument).values_list("code", flat=True):
        if code not in skip:
            data[f"score-{code}"] = value
    return data


def test_save_draft_keeps_what_was_entered(client_for, assessor, draft):
    response = client_for(assessor).post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft, skip=["C8"]))
    assert response.status_code == 302
    assert draft.scores.count() == 31
    draft.refresh_from_db()
    assert draft.is_draft and draft.notes == "Seen at home."


def test_check_and_finalise_saves_and_opens_the_check_page_without_finalising(client_for, assessor, draft):
    data = entry_data(draft) | {"check": ""}
    response = client_for(assessor).post(reverse("assessment_entry", args=[draft.pk]), data)
    assert response.url == reverse("assessment_check", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.is_draft and draft.scores.count() == 32  # saved, not final


def test_the_entry_form_cannot_finalise_whatever_is_submitted(client_for, assessor, draft):
    """The Enter key submits the first button, "Save draft"; even the old "finalise" name only saves."""
    client = client_for(assessor)
    for extra in ({}, {"finalise": ""}, {"save": ""}):
        client.post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft) | extra)
        draft.refresh_from_db()
        assert draft.is_draft
    page = client.get(reverse("assessment_entry", args=[draft.pk])).text
    assert page.index('name="save"') < page.index('name="check"')  # the implicit submit is "Save draft"
    assert 'name="finalise"' not in page


def _check(client, draft):
    return client.get(reverse("assessment_check", args=[draft.pk]))


def test_the_check_page_lists_unscored_items_and_refuses_to_finalise(client_for, assessor, draft):
    client = client_for(assessor)
    client.post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft, skip=["C7", "C8"]))
    draft.refresh_from_db()
    page = _check(client, draft).text
    assert "2 items not scored" in page
    assert f'href="{reverse("assessment_entry", args=[draft.pk])}#item-C7"' in page
    assert ">Finalise</button>" not in page
    response = client.post(reverse("assessment_check", args=[draft.pk]), {"revision": draft.revision})
    assert response.status_code == 200
    assert services.INCOMPLETE.format(count=2, codes="C7, C8") in response.text
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_check_page_shows_the_brain_map_and_finalises_with_a_post(client_for, assessor, draft):
    client = client_for(assessor)
    client.post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft))
    draft.refresh_from_db()
    page = _check(client, draft).text
    assert "Every item is scored" in page and 'class="brain-map"' in page
    assert ">Finalise</button>" in page and "Signing as" in page
    draft.refresh_from_db()
    assert draft.is_draft  # looking is not finalising
    response = client.post(reverse("assessment_check", args=[draft.pk]), {"revision": draft.revision})
    assert response.url == reverse("assessment_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.FINAL


def test_finalise_refuses_a_draft_changed_after_it_was_checked(client_for, assessor, draft):
    client = client_for(assessor)
    client.post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft))
    draft.refresh_from_db()
    checked_at = draft.revision
    client.post(reverse("assessment_autosave", args=[draft.pk]), entry_data(draft, value="0"))
    response = client.post(reverse("assessment_check", args=[draft.pk]), {"revision": checked_at})
    assert response.url == reverse("assessment_check", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_check_page_of_a_final_assessment_goes_to_the_assessment(client_for, assessor, final):
    response = client_for(assessor).get(reverse("assessment_check", args=[final.pk]))
    assert response.url == reverse("assessment_detail", args=[final.pk])


def test_the_check_page_lists_scores_far_from_age_and_from_the_previous_assessment(
    client_for, assessor, child, instrument
):
    previous = make_assessment(child, assessor, scores=2, final=True)
    Assessment.objects.filter(pk=previous.pk).update(assessed_on=previous.assessed_on - datetime.timedelta(days=200))
    draft = make_assessment(child, assessor, scores=2)
    client = client_for(assessor)
    # S1 jumps by 2 from the previous assessment; C1 at 0 is 3 below the expectation (3 at twelve).
    client.post(reverse("assessment_autosave", args=[draft.pk]), entry_data(draft, value="2") | {"score-S1": "4"})
    draft.refresh_from_db()
    client.post(reverse("assessment_autosave", args=[draft.pk]), {"score-C1": "0"} | _dated(draft))
    page = _check(client, draft).text
    assert "S1 · " in page and "4, where the previous assessment scored 2" in page
    assert "C1 · " in page and "0, where 3 is typical for the child&#x27;s age" in page
    assert "2 unusual scores to check" in page


def _dated(draft):
    draft.refresh_from_db()
    return {"assessed_on": draft.assessed_on.isoformat(), "revision": draft.revision}


def test_a_score_off_the_scale_gets_a_message_not_a_500(client_for, assessor, draft):
    response = client_for(assessor).post(reverse("assessment_entry", args=[draft.pk]), entry_data(draft, value="9"))
    assert response.status_code == 200
    assert "Choose one of the options for " in response.text
    assert draft.scores.count() == 1


def test_a_final_assessment_is_read_only_over_http(client_for, assessor, final):
    client = client_for(assessor)
    response = client.get(reverse("assessment_entry", args=[final.pk]))
    assert response.url == reverse("assessment_detail", args=[final.pk])
    client.post(reverse("assessment_entry", args=[final.pk]), entry_data(final, value="0"))
    response = client.post(reverse("assessment_autosave", args=[final.pk]), entry_data(final, value="0"))
    assert response.status_code == 409
    assert services.FINAL_IS_READ_ONLY in response.json()["errors"]["__all__"]
    assert set(final.scores.values_list("value", flat=True)) == {2}


def test_autosave_keeps_the_draft_and_answers_json(client_for, assessor, draft):
    response = client_for(assessor).post(
        reverse("assessment_autosave", args=[draft.pk]),
        {"assessed_on": draft.assessed_on, "score-S2": "4", "revision": draft.revision},
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True and response.json()["scored"] == 2
    assert dict(draft.scores.values_list("item__code", "value")) == {"S1": 1, "S2": 4}


def test_autosave_after_the_session_ended_goes_to_log_in_and_changes_nothing(client, draft):
    response = client.post(reverse("assessment_autosave", args=[draft.pk]), {"score-S2": "4"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert draft.scores.count() == 1


def test_autosave_refuses_bad_input_with_json(client_for, assessor, draft):
    response = client_for(assessor).post(
        reverse("assessment_autosave", args=[draft.pk]), {"assessed_on": "not a date", "score-S2": "4"}
    )
    assert response.status_code == 400
    assert "assessed_on" in response.json()["errors"]


def test_correcting_a_final_assessment(client_for, clinical_lead, final):
    response = client_for(clinical_lead).post(
        reverse("assessment_correct", args=[final.pk]), {"correction_reason": "L3 was misread."}
    )
    correction = Assessment.objects.get(corrects=final)
    assert response.url == reverse("assessment_entry", args=[correction.pk])
    page = client_for(clinical_lead).get(reverse("assessment_detail", args=[correction.pk])).text
    assert "L3 was misread." in page


def test_detail_shows_the_map_beside_the_typical_one_and_a_text_table(client_for, staff, final):
    page = client_for(staff).get(reverse("assessment_detail", args=[final.pk])).text
    assert page.count('class="brain-map"') == 2
    assert "A typical child of the same age" in page
    assert page.count('class="cell"') == 64
    assert "Item by item (text version of the map)" in page


# --- list and compare: constant queries -----------------------------------------------------


def test_the_list_page_runs_the_same_queries_for_one_or_many_assessments(client_for, manager, child, assessor):
    client = client_for(manager)
    target = reverse("assessment_list", args=[child.pk])
    make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=400))
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=200))
    few = count_queries(client, target)
    for days in (150, 100, 50, 10):
        make_assessment(child, assessor, scores=3, final=True, assessed_on=today() - datetime.timedelta(days=days))
    make_assessment(child, assessor, scores={"S1": 2})
    assert count_queries(client, target) == few


def test_the_comparison_page_runs_constant_queries(client_for, manager, child, assessor):
    client = client_for(manager)
    early = make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=300))
    late = make_assessment(child, assessor, scores=3, final=True, assessed_on=today() - datetime.timedelta(days=10))
    target = reverse("assessment_compare", args=[child.pk]) + f"?before={early.pk}&after={late.pk}"
    few = count_queries(client, target)
    for days in (250, 200, 150, 100):
        make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=days))
    assert count_queries(client, target) == few
    page = client.get(target).text
    assert page.count("▲ Improved") == 4 + 32


def test_compare_refuses_the_same_assessment_twice(client_for, manager, final):
    target = reverse("assessment_compare", args=[final.child_id]) + f"?before={final.pk}&after={final.pk}"
    assert "Choose two different assessments" in client_for(manager).get(target).text


def test_compare_cannot_reach_another_childs_assessment(client_for, manager, final, other_home, assessor):
    from tests.factories import ChildFactory

    elsewhere = make_assessment(ChildFactory(home=other_home), assessor, scores=1, final=True)
    target = reverse("assessment_compare", args=[final.child_id]) + f"?before={final.pk}&after={elsewhere.pk}"
    response = client_for(manager).get(target)
    assert "Choose one of the options for later" in response.text


@pytest.mark.parametrize("before", ["99999999999999999999", "-1", "two", ""])
def test_compare_explains_a_mangled_choice(client_for, manager, final, before):
    target = reverse("assessment_compare", args=[final.child_id])
    response = client_for(manager).get(target, {"before": before, "after": final.pk})
    assert response.status_code == 200
    assert "Choose one of the options for earlier" in response.text or "Choose earlier" in response.text


def test_the_list_shows_the_charts_and_the_due_date(client_for, manager, child, assessor):
    make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=300))
    make_assessment(child, assessor, scores=3, final=True, assessed_on=today() - datetime.timedelta(days=200))
    page = client_for(manager).get(reverse("assessment_list", args=[child.pk])).text
    assert page.count('class="domain-chart m-0"') == 4
    assert "overdue" in page  # 200 days since the last, the default interval is six months


# --- developmental history and ACEs ---------------------------------------------------------


def test_history_asks_only_the_periods_the_child_has_reached(client_for, assessor, home):
    from tests.factories import ChildFactory

    toddler = ChildFactory(home=home, date_of_birth=today() - datetime.timedelta(days=800))
    page = client_for(assessor).get(reverse("history_edit", args=[toddler.pk])).text
    assert "1–4 years" in page and "4–11 years" not in page and "11–18 years" not in page


def test_history_saves_periods(client_for, assessor, child):
    data = {
        "summary": "From the chronology.",
        "1_perinatal-adversity": "3",
        "1_perinatal-relational_health": "",
        "5_childhood-relational_health": "1",
        "5_childhood-notes": "Moved five times.",
        "revision": 1,
    }
    response = client_for(assessor).post(reverse("history_edit", args=[child.pk]), data)
    assert response.url == reverse("history_detail", args=[child.pk])
    history = DevelopmentalHistory.objects.get(child=child)
    rows = {row.period: row for row in history.periods.all()}
    assert rows["1_perinatal"].adversity == 3 and rows["1_perinatal"].relational_health is None
    assert rows["5_childhood"].notes == "Moved five times."
    page = client_for(assessor).get(reverse("history_detail", args=[child.pk])).text
    assert "Severe" in page and "Moved five times." in page


def test_an_other_experience_needs_a_description(client_for, assessor, child):
    data = {"category": "other", "certainty": "suspected", "source": "The child"}
    response = client_for(assessor).post(reverse("adverse_experience_add", args=[child.pk]), data)
    assert response.status_code == 200
    assert "Describe the experience" in response.text
    data["other_description"] = "Trafficked across the border"
    assert client_for(assessor).post(reverse("adverse_experience_add", args=[child.pk]), data).status_code == 302
    assert AdverseExperience.objects.get().certainty == "suspected"


def test_withdrawing_an_experience_archives_it(client_for, assessor, experience):
    response = client_for(assessor).post(reverse("adverse_experience_withdraw", args=[experience.pk]))
    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.archived
    page = client_for(assessor).get(reverse("history_detail", args=[experience.child_id])).text
    assert "Chronology" not in page


def test_a_person_with_no_role_anywhere_gets_404(client_for, final):
    stranger = UserFactory()
    assert client_for(stranger).get(reverse("assessment_detail", args=[final.pk])).status_code == 404


def test_reading_an_assessment_is_logged(client_for, staff, final):
    from auditlog.models import LogEntry

    client_for(staff).get(reverse("assessment_detail", args=[final.pk]))
    entry = LogEntry.objects.get_for_object(final).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == staff


def test_periods_the_child_has_not_reached_are_not_stored(client_for, assessor, home):
    from tests.factories import ChildFactory

    toddler = ChildFactory(home=home, date_of_birth=today() - datetime.timedelta(days=800))
    data = {"summary": "", "4_early-adversity": "2", "6_adolescence-adversity": "4", "5_childhood-notes": "?"}
    data["revision"] = 1
    client_for(assessor).post(reverse("history_edit", args=[toddler.pk]), data)
    periods = set(DevelopmentalHistory.objects.get(child=toddler).periods.values_list("period", flat=True))
    assert periods == {"1_perinatal", "2_newborn", "3_infancy", "4_early"}


# --- starting: asked first --------------------------------------------------------------------


def _start(client, child, **extra):
    data = {"assessed_on": today().isoformat(), "kind": "initial"} | extra
    return client.post(reverse("assessment_new", args=[child.pk]), data)


def test_a_second_draft_on_the_same_day_is_asked_about_first(client_for, instrument, assessor, home_assessor, child):
    earlier = make_assessment(child, home_assessor)
    client = client_for(assessor)
    response = _start(client, child)
    assert response.status_code == 200
    assert selectors.DRAFT_STARTED_TODAY.format(assessor=home_assessor.full_name) in response.text
    assert f'href="{reverse("assessment_entry", args=[earlier.pk])}"' in response.text  # open it
    assert "Start another assessment" in response.text
    assert Assessment.objects.count() == 1
    response = _start(client, child, confirmed="1")
    assert Assessment.objects.count() == 2
    assert response.url == reverse("assessment_entry", args=[Assessment.objects.exclude(pk=earlier.pk).get().pk])


def test_a_draft_started_on_another_day_or_finalised_asks_nothing(client_for, instrument, assessor, child, final):
    older = make_assessment(child, assessor)
    Assessment.objects.filter(pk=older.pk).update(created_at=older.created_at - datetime.timedelta(days=1))
    response = _start(client_for(assessor), child)
    assert response.status_code == 302
    assert Assessment.objects.count() == 3


def test_a_child_who_has_left_is_warned_about_and_confirmed(client_for, instrument, assessor, child):
    child.discharge_date = today() - datetime.timedelta(days=3)
    child.discharge_destination = "Home to her aunt"
    child.save()
    client = client_for(assessor)
    warning = selectors.CHILD_HAS_LEFT.format(name=child.preferred_name, date=child.discharge_date)
    assert escape(warning) in client.get(reverse("assessment_new", args=[child.pk])).text
    response = _start(client, child)
    assert response.status_code == 200 and "Start the assessment anyway" in response.text
    assert not Assessment.objects.exists()
    assert _start(client, child, confirmed="1").status_code == 302
    assert Assessment.objects.count() == 1
