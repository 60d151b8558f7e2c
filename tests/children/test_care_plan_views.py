"""Care-plan pages over HTTP: the persona matrix, the lifecycle buttons, goals and focus areas,
the sequencing prompt, the change history, and constant queries."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from children import extensions
from children.brain import Band, Region
from children.forms import care_plan as plan_forms
from children.models import CarePlan, Goal
from children.services import versioning
from tests.children.factories import CarePlanFactory, GoalFactory, RiskAssessmentFactory, signed
from tests.utils import count_queries, today


def in_a_month() -> str:
    return (today() + datetime.timedelta(days=30)).isoformat()


def plan_form(plan: CarePlan, goals: list[dict] | None = None, existing: list[Goal] = (), **fields) -> dict:
    """The POST the edit page sends: the plan's fields, the revision, and the goal rows."""
    data = {
        "revision": plan.revision,
        "what_matters_to_me": plan.what_matters_to_me,
        "what_i_want": plan.what_i_want,
        "education": "",
        "psychotherapy": "",
        "health": "",
        "family_time": "",
        "boundaries": "",
        "review_date": in_a_month(),
        "goals-TOTAL_FORMS": len(existing) + len(goals or []),
        "goals-INITIAL_FORMS": len(existing),
        "goals-MIN_NUM_FORMS": 0,
        "goals-MAX_NUM_FORMS": 1000,
    }
    rows = [
        {
            "id": goal.pk,
            "title": goal.title,
            "region": goal.region,
            "success_looks_like": goal.success_looks_like,
            "adult_strategies": goal.adult_strategies,
            "lead": goal.lead_id,
            "status": goal.status,
            "focus_area": f"{goal.region}|{goal.item_code}" if goal.item_code else "",
        }
        for goal in existing
    ] + list(goals or [])
    for i, row in enumerate(rows):
        data.update({f"goals-{i}-{key}": value for key, value in row.items()})
        data[f"goals-{i}-plan"] = plan.pk
    data.update(fields)
    return data


def new_goal(lead, **overrides) -> dict:
    goal = {
        "title": "Feel safe at bedtime",
        "region": Region.DIENCEPHALON,
        "success_looks_like": "Falls asleep without an adult in the room",
        "adult_strategies": "Same routine each night; night light",
        "lead": lead.pk,
        "status": Goal.Status.PLANNED,
        "focus_area": "",
    }
    goal.update(overrides)
    return goal


@pytest.fixture
def draft(child):
    return CarePlanFactory(child=child)


@pytest.fixture
def active(child):
    plan = signed(CarePlanFactory(child=child))
    GoalFactory(plan=plan)
    return plan


@pytest.fixture
def no_assessment(monkeypatch):
    monkeypatch.setattr(extensions, "_region_bands", [])
    monkeypatch.setattr(extensions, "_focus_areas", [])


# --- the persona matrix -----------------------------------------------------------------


def test_everyone_in_reach_reads_plans(client_for, manager, staff, assessor, administrator, active):
    for person in (manager, staff, assessor, administrator):
        client = client_for(person)
        assert client.get(reverse("care_plan_list", args=[active.child_id])).status_code == 200
        page = client.get(reverse("care_plan_detail", args=[active.pk]))
        assert page.status_code == 200
        assert "Settle to sleep with a familiar routine" in page.text


@pytest.mark.parametrize("person", ["manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_managers_and_assessors_edit_drafts(request, client_for, draft, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("care_plan_edit", args=[draft.pk])).status_code == 200
    response = client.post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, what_i_want="A bike"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.what_i_want == "A bike"


def test_care_staff_read_but_do_not_write(client_for, staff, draft, child):
    client = client_for(staff)
    assert client.get(reverse("care_plan_detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("care_plan_edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, what_i_want="x")).status_code == 403
    assert client.post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": draft.revision}).status_code == 403
    assert client.post(reverse("care_plan_start", args=[child.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft and draft.what_i_want == "To go back to football."
    page = client.get(reverse("care_plan_detail", args=[draft.pk])).text
    assert reverse("care_plan_edit", args=[draft.pk]) not in page
    assert reverse("care_plan_sign_off", args=[draft.pk]) not in page


def test_only_managers_sign_off(client_for, assessor, deputy, draft):
    assert (
        client_for(assessor)
        .post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": draft.revision})
        .status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.is_draft
    assert (
        client_for(deputy)
        .post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": draft.revision})
        .status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.is_active and draft.signed_off_by == deputy


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, draft, child):
    client = client_for(other_manager)
    for name, arg in [("care_plan_list", child.pk), ("care_plan_detail", draft.pk), ("care_plan_edit", draft.pk)]:
        assert client.get(reverse(name, args=[arg])).status_code == 404
    for name, arg in [("care_plan_start", child.pk), ("care_plan_sign_off", draft.pk), ("care_plan_edit", draft.pk)]:
        assert client.post(reverse(name, args=[arg])).status_code == 404
    draft.refresh_from_db()
    assert draft.is_draft


@pytest.mark.parametrize(
    ("name", "method", "kind"),
    [
        ("care_plan_list", "post", "child"),
        ("care_plan_detail", "post", "plan"),
        ("care_plan_start", "get", "child"),
        ("care_plan_sign_off", "get", "plan"),
        ("care_plan_edit", "put", "plan"),
    ],
)
def test_wrong_methods_get_405(client_for, manager, draft, name, method, kind):
    arg = draft.child_id if kind == "child" else draft.pk
    assert getattr(client_for(manager), method)(reverse(name, args=[arg])).status_code == 405


def test_anonymous_people_are_sent_to_log_in(client, draft):
    response = client.get(reverse("care_plan_detail", args=[draft.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- lifecycle over HTTP -----------------------------------------------------------------


def test_start_creates_a_draft_and_opens_it(client_for, manager, child):
    response = client_for(manager).post(reverse("care_plan_start", args=[child.pk]))
    plan = CarePlan.objects.get(child=child)
    assert response.url == reverse("care_plan_edit", args=[plan.pk])
    assert plan.is_draft and plan.created_by == manager


def test_start_with_a_draft_open_goes_to_that_draft(client_for, manager, draft, child):
    response = client_for(manager).post(reverse("care_plan_start", args=[child.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("care_plan_edit", args=[draft.pk])
    assert "A draft is already open" in response.text
    assert CarePlan.objects.count() == 1


def test_an_active_plan_is_read_only(client_for, manager, active):
    client = client_for(manager)
    page = client.get(reverse("care_plan_detail", args=[active.pk])).text
    assert "read-only" in page
    assert reverse("care_plan_edit", args=[active.pk]) not in page
    response = client.post(reverse("care_plan_edit", args=[active.pk]), plan_form(active, what_i_want="x"), follow=True)
    assert versioning.NOT_A_DRAFT in response.text
    assert client.get(reverse("care_plan_edit", args=[active.pk])).url == reverse("care_plan_detail", args=[active.pk])
    active.refresh_from_db()
    assert active.what_i_want == "To go back to football."


def test_revise_from_the_active_plan_starts_a_copy(client_for, manager, active, child):
    client = client_for(manager)
    assert reverse("care_plan_start", args=[child.pk]) in client.get(reverse("care_plan_detail", args=[active.pk])).text
    client.post(reverse("care_plan_start", args=[child.pk]))
    draft = CarePlan.objects.get(child=child, status=CarePlan.Status.DRAFT)
    assert draft.version == 2
    assert draft.goals.get().thread_id == active.goals.get().thread_id


def test_sign_off_refusal_is_explained(client_for, manager, child):
    plan = CarePlanFactory(child=child, review_date=None)
    response = client_for(manager).post(
        reverse("care_plan_sign_off", args=[plan.pk]), {"revision": plan.revision}, follow=True
    )
    assert versioning.REVIEW_DATE_NEEDED in response.text
    plan.refresh_from_db()
    assert plan.is_draft


def test_a_superseded_version_stays_readable(client_for, staff, active, manager, child):
    draft = CarePlanFactory(child=child)
    client_for(manager).post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": draft.revision})
    page = client_for(staff).get(reverse("care_plan_detail", args=[active.pk])).text
    assert "superseded" in page and "Settle to sleep" in page


def test_the_page_shows_who_signed_and_when(client_for, staff, active):
    page = client_for(staff).get(reverse("care_plan_detail", args=[active.pk])).text
    assert f"Signed off by {active.signed_off_by}" in page


def test_a_goals_history_across_versions_is_shown(client_for, manager, active, child):
    client = client_for(manager)
    client.post(reverse("care_plan_start", args=[child.pk]))
    draft = CarePlan.objects.get(child=child, status=CarePlan.Status.DRAFT)
    page = client.get(reverse("care_plan_detail", args=[draft.pk])).text
    assert "This goal across versions" in page
    assert reverse("care_plan_detail", args=[active.pk]) in page


# --- goals and focus areas ---------------------------------------------------------------


def test_a_goal_is_added_with_its_domain_and_lead(client_for, manager, draft, staff, no_assessment):
    response = client_for(manager).post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(staff)]))
    assert response.status_code == 302
    goal = draft.goals.get()
    assert (goal.region, goal.lead, goal.item_code) == (Region.DIENCEPHALON, staff, "")


def test_a_goal_needs_a_domain(client_for, manager, draft, staff, no_assessment):
    response = client_for(manager).post(
        reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(staff, region="")])
    )
    assert response.status_code == 200
    assert plan_forms.REGION_NEEDED in response.text
    assert not draft.goals.exists()


def test_the_lead_is_chosen_from_the_homes_members(client_for, manager, draft, other_manager, no_assessment):
    page = client_for(manager).get(reverse("care_plan_edit", args=[draft.pk])).text
    assert manager.full_name in page and other_manager.full_name not in page
    response = client_for(manager).post(
        reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(other_manager)])
    )
    assert response.status_code == 200 and not draft.goals.exists()


@pytest.fixture
def focus_areas(monkeypatch):
    areas = [
        extensions.FocusArea(region=Region.BRAINSTEM, item_code="SI3", label="Copes with noise", band=Band.SIGNIFICANT),
        extensions.FocusArea(region=Region.LIMBIC, item_code="R1", label="Trusts adults", band=Band.MODERATE),
    ]
    monkeypatch.setattr(extensions, "_focus_areas", [lambda child: areas])
    return areas


def test_the_goal_form_suggests_the_assessments_focus_areas(client_for, manager, draft, focus_areas):
    page = client_for(manager).get(reverse("care_plan_edit", args=[draft.pk])).text
    assert "Copes with noise (Sensory integration)" in page
    assert 'value="limbic|R1"' in page


def test_choosing_a_focus_area_records_the_item_and_its_domain(client_for, manager, draft, staff, focus_areas):
    row = new_goal(staff, region="", focus_area="brainstem|SI3")
    assert (
        client_for(manager).post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [row])).status_code == 302
    )
    goal = draft.goals.get()
    assert (goal.region, goal.item_code, goal.item_label) == (Region.BRAINSTEM, "SI3", "Copes with noise")


def test_a_focus_area_from_another_domain_is_refused(client_for, manager, draft, staff, focus_areas):
    row = new_goal(staff, region=Region.CORTEX, focus_area="brainstem|SI3")
    response = client_for(manager).post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [row]))
    assert plan_forms.FOCUS_AREA_OTHER_REGION.format(region="Sensory integration") in response.text
    assert not draft.goals.exists()


def test_a_goals_item_stays_choosable_after_a_new_assessment(client_for, manager, draft, no_assessment):
    GoalFactory(plan=draft, region=Region.LIMBIC, item_code="OLD7", item_label="Shares a joke")
    page = client_for(manager).get(reverse("care_plan_edit", args=[draft.pk])).text
    assert 'value="limbic|OLD7" selected' in page


# --- the sequencing prompt ---------------------------------------------------------------


def _bands(monkeypatch, **bands):
    monkeypatch.setattr(extensions, "_region_bands", [lambda child: {Region(k): v for k, v in bands.items()}])


@pytest.mark.parametrize("region", [Region.BRAINSTEM, Region.DIENCEPHALON])
def test_cognitive_goals_over_a_significant_foundation_prompt_the_sequence(
    client_for, monkeypatch, staff, active, region
):
    GoalFactory(plan=active, region=Region.CORTEX, title="Plan homework")
    _bands(monkeypatch, **{region.value: Band.SIGNIFICANT, "cortex": Band.MODERATE})
    page = client_for(staff).get(reverse("care_plan_detail", args=[active.pk])).text
    assert "Regulate, then relate, then reason" in page
    assert region.label.lower() in page


@pytest.mark.parametrize(
    ("goal_region", "bands"),
    [
        (Region.CORTEX, {"brainstem": Band.MODERATE, "diencephalon": Band.MILD}),
        (Region.LIMBIC, {"brainstem": Band.SIGNIFICANT}),
        (Region.CORTEX, None),
    ],
)
def test_no_prompt_otherwise(client_for, monkeypatch, staff, active, goal_region, bands):
    GoalFactory(plan=active, region=goal_region, title="Another goal")
    if bands is None:
        monkeypatch.setattr(extensions, "_region_bands", [])
    else:
        _bands(monkeypatch, **bands)
    page = client_for(staff).get(reverse("care_plan_detail", args=[active.pk])).text
    assert "Regulate, then relate, then reason" not in page


# --- history and reads -------------------------------------------------------------------


def test_changes_and_sign_off_are_in_the_history_with_who(client_for, manager, draft, staff):
    client = client_for(manager)
    client.post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(staff)], what_i_want="A bike"))
    client.post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": 2})
    entries = LogEntry.objects.get_for_object(draft).filter(action=LogEntry.Action.UPDATE).order_by("timestamp")
    assert [e.actor for e in entries] == [manager, manager]
    assert entries[0].changes_dict["what_i_want"] == ["To go back to football.", "A bike"]
    assert entries[1].changes_dict["status"] == ["draft", "active"]
    goal_created = LogEntry.objects.get_for_object(draft.goals.get()).get(action=LogEntry.Action.CREATE)
    assert goal_created.actor == manager


def test_reading_a_plan_is_logged(client_for, staff, active):
    client_for(staff).get(reverse("care_plan_detail", args=[active.pk]))
    reads = LogEntry.objects.get_for_object(active).filter(action=LogEntry.Action.ACCESS)
    assert [e.actor for e in reads] == [staff]


# --- constant queries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "factory"), [("care_plan_list", CarePlanFactory), ("risk_assessment_list", RiskAssessmentFactory)]
)
def test_the_version_lists_run_constant_queries(client_for, manager, child, name, factory):
    client = client_for(manager)
    url = reverse(name, args=[child.pk])
    signed(factory(child=child))
    one = count_queries(client, url)
    for _ in range(4):
        signed(factory(child=child))
    assert count_queries(client, url) == one


def test_the_plan_page_runs_constant_queries_however_many_goals(client_for, manager, active, child, no_assessment):
    client = client_for(manager)
    url = reverse("care_plan_detail", args=[active.pk])
    one = count_queries(client, url)
    for region in Region:
        GoalFactory(plan=active, region=region)
    assert count_queries(client, url) == one


def test_an_assessor_assigned_from_outside_the_home_edits_but_does_not_sign(client_for, other_home, child, draft):
    from homes.models import Membership
    from tests.factories import member

    visiting = member(other_home, Membership.Role.ASSESSOR)
    child.assessor = visiting
    child.save()
    client = client_for(visiting)
    assert client.get(reverse("care_plan_edit", args=[draft.pk])).status_code == 200
    assert client.post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": draft.revision}).status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


# --- a version's change history ------------------------------------------------------------


def test_a_versions_history_lists_changes_to_it_and_its_goals(client_for, manager, draft, staff, no_assessment):
    client = client_for(manager)
    client.post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(staff)], what_i_want="A bike"))
    client.post(reverse("care_plan_sign_off", args=[draft.pk]), {"revision": 2})
    page = client.get(reverse("care_plan_history", args=[draft.pk])).text
    assert "A bike" in page and "To go back to football." in page
    assert "Goal “Feel safe at bedtime”" in page
    assert manager.full_name in page
    draft.refresh_from_db()
    signed_at = timezone.localtime(draft.signed_off_at).strftime("%-d %b %Y %H:%M")
    assert f"<del>(empty)</del> → {signed_at}" in page
    assert f"→ {timezone.localdate() + datetime.timedelta(days=30):%-d %b %Y}" in page


def test_history_is_for_managers_and_clinical_leads(client_for, staff, clinical_lead, other_manager, draft):
    url = reverse("care_plan_history", args=[draft.pk])
    assert client_for(clinical_lead).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 403
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(clinical_lead).post(url).status_code == 405
    assert (
        reverse("care_plan_history", args=[draft.pk])
        not in client_for(staff).get(reverse("care_plan_detail", args=[draft.pk])).text
    )


def test_the_history_runs_constant_queries(client_for, manager, draft, staff, no_assessment):
    client = client_for(manager)
    url = reverse("care_plan_history", args=[draft.pk])
    client.post(reverse("care_plan_edit", args=[draft.pk]), plan_form(draft, [new_goal(staff)]))
    one = count_queries(client, url)
    draft.refresh_from_db()
    client.post(
        reverse("care_plan_edit", args=[draft.pk]),
        plan_form(draft, [new_goal(staff, title="Another"), new_goal(staff, title="And another")], health="GP"),
    )
    assert count_queries(client, url) == one


def test_an_active_plan_with_a_draft_open_points_to_the_draft(client_for, manager, active, child):
    draft = CarePlanFactory(child=child)
    page = client_for(manager).get(reverse("care_plan_detail", args=[active.pk])).text
    assert f"Draft version {draft.version}" in page
    assert reverse("care_plan_start", args=[child.pk]) not in page


def test_the_childs_history_does_not_list_plans_as_fields(client_for, manager, home):
    client = client_for(manager)
    from tests.children.test_child_views import admit_form

    client.post(reverse("child_admit", args=[home.pk]), admit_form())
    entry = LogEntry.objects.get(action=LogEntry.Action.CREATE, content_type__model="child")
    assert not {"care_plans", "risk_assessments", "goal_threads"} & set(entry.changes_dict)


def test_writers_see_the_sequencing_prompt_on_the_draft_too(client_for, monkeypatch, manager, draft):
    GoalFactory(plan=draft, region=Region.CORTEX, title="Plan homework")
    _bands(monkeypatch, brainstem=Band.SIGNIFICANT)
    monkeypatch.setattr(extensions, "_focus_areas", [])
    page = client_for(manager).get(reverse("care_plan_edit", args=[draft.pk])).text
    assert "Regulate, then relate, then reason" in page
