"""The child's page leads with the work (issue 13): the name and a photo-free summary, the
actions for the people who may take them, the latest in the child's own words, then the record
as tabs with their own URLs. Later apps add summary items, actions and tabs through
children/extensions.py."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from children import extensions as child_ext
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    GoalFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    RiskAssessmentFactory,
    signed,
)
from tests.factories import member
from tests.tracker.factories import TrackerFactory
from tests.utils import count_queries, today


def page_of(client, child, name="child_detail") -> str:
    response = client.get(reverse(name, args=[child.pk]))
    assert response.status_code == 200
    return response.text


def summary_of(page: str) -> list[str]:
    line = re.search(r'<ul class="child-summary">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r"<li[^>]*>(.*?)</li>", line)


# The actions of the apps these tests are about; later apps (the memory box, safeguarding...) add
# their own after them and test those themselves.
CORE_ACTIONS = {"Log key working", "Add daily care", "Start an assessment", "Record attendance", "A later action"}


def action_labels(page: str) -> list[str]:
    """The child's actions from the core apps (and this file's own), in the order shown."""
    found = re.findall(r'class="btn btn-primary btn-lg child-action" href="[^"]*">([^<]*)<', page)
    return [label for label in found if label in CORE_ACTIONS]


# --- the summary ----------------------------------------------------------------------------------


def test_the_summary_says_age_days_at_home_key_worker_and_assessor(client_for, staff, home, child):
    assessor = member(home, full_name="Dr Ama Owusu")
    child.date_of_birth = today().replace(year=today().year - 14) - datetime.timedelta(days=1)
    child.admission_date = today() - datetime.timedelta(days=214)
    child.assessor = assessor
    child.save()
    page = page_of(client_for(staff), child)
    assert summary_of(page) == [
        "14 years old",
        "at Willow House for 214 days",
        "key worker Jess Whitfield",
        "assessor Dr Ama Owusu",
    ]
    assert page.index('<h1 class="h3 mb-1">Siobhán</h1>') < page.index('class="child-summary"')


def test_the_summary_says_what_is_missing_and_when_the_child_has_left(client_for, manager, child):
    child.key_worker = None
    child.discharge_date = today()
    child.discharge_destination = "Home to her mum"
    child.save()
    items = summary_of(page_of(client_for(manager), child))
    assert "was at Willow House for 100 days" in items[1]
    assert items[2:] == ["no key worker yet", "no assessor yet"]


def test_a_later_app_adds_to_the_summary(monkeypatch, client_for, staff, child):
    """How the health app will add allergies: an important item stands out."""
    monkeypatch.setattr(child_ext, "child_summary_items", dict(child_ext.child_summary_items))
    child_ext.register_child_summary_item(
        child_ext.ChildSummaryItem(name="allergies", text=lambda user, c: "allergies: peanuts", order=5, important=True)
    )
    child_ext.register_child_summary_item(child_ext.ChildSummaryItem(name="quiet", text=lambda user, c: None))
    page = page_of(client_for(staff), child)
    items = summary_of(page)
    assert items[1] == "allergies: peanuts"  # order 5: after the age (0), before the days at home (10)
    assert len(items) == 5
    assert '<li class="child-summary-important">allergies: peanuts</li>' in page


# --- the actions ----------------------------------------------------------------------------------


def test_the_homes_staff_see_the_actions_with_the_childs_name_for_screen_readers(client_for, staff, child):
    page = page_of(client_for(staff), child)
    assert action_labels(page) == ["Log key working", "Add daily care"]
    assert (
        f'href="{reverse("key_working_add", args=[child.pk])}">Log key working'
        '<span class="visually-hidden"> for Siobhán</span></a>'
    ) in page
    assert f'href="{reverse("activity_log", args=[child.pk])}#quick-add">Add daily care' in page


def test_the_actions_come_before_the_childs_words_and_the_panels(client_for, staff, child):
    KeyWorkingSessionFactory(child=child)
    page = page_of(client_for(staff), child)
    assert page.index("Log key working") < page.index("In Siobhán's words") < page.index('id="panel-care_plan"')


@pytest.mark.parametrize("role", ["assessor", "administrator", "clinical_lead"])
def test_assessors_and_provider_roles_see_the_assessment_not_the_daily_work(request, client_for, child, role):
    page = page_of(client_for(request.getfixturevalue(role)), child)
    assert action_labels(page) == ["Start an assessment"]
    assert f'href="{reverse("assessment_new", args=[child.pk])}">Start an assessment' in page


def test_people_who_may_take_no_action_see_no_action_area(monkeypatch, client_for, staff, child):
    monkeypatch.setattr(child_ext, "child_actions", {})
    assert 'id="actions-heading"' not in page_of(client_for(staff), child)


def test_attendance_is_offered_while_a_school_or_therapy_runs(client_for, staff, child):
    client = client_for(staff)
    ended = ProvisionArrangementFactory(child=child, end_date=today() - datetime.timedelta(days=1))
    assert "Record attendance" not in action_labels(page_of(client, child))
    ProvisionArrangementFactory(child=child)
    assert action_labels(page_of(client, child))[-1] == "Record attendance"
    assert f'href="{reverse("provision_overview", args=[child.pk])}">Record attendance' in page_of(client, child)
    assert ended.pk  # the ended one alone offered nothing


def test_the_provision_page_offers_each_register_to_the_homes_staff(client_for, staff, assessor, child):
    arrangement = ProvisionArrangementFactory(child=child)
    register = reverse("provision_arrangement", args=[arrangement.pk])
    link = f'href="{register}#record">Record attendance<span class="visually-hidden"> at {arrangement}</span>'
    assert link in page_of(client_for(staff), child, "provision_overview")
    assert link not in page_of(client_for(assessor), child, "provision_overview")


def test_a_later_app_adds_an_action_for_the_people_who_may_take_it(monkeypatch, client_for, staff, manager, child):
    monkeypatch.setattr(child_ext, "child_actions", dict(child_ext.child_actions))
    child_ext.register_child_action(
        child_ext.ChildAction(
            name="later",
            label="A later action",
            url_name="child_chronology",
            allowed=lambda user, c: user == manager,
            order=15,
        )
    )
    shown = action_labels(page_of(client_for(manager), child))
    assert shown == ["Log key working", "A later action", "Add daily care"]
    assert "A later action" not in action_labels(page_of(client_for(staff), child))


# --- the child's words ------------------------------------------------------------------------------


def test_the_latest_three_of_the_childs_words_lead_with_date_and_who_recorded_them(client_for, assessor, child):
    now = timezone.now()
    recorder = member(child.home, full_name="Tomás Byrne")
    for days, words in [(9, "Oldest words"), (6, "Third"), (3, "Second"), (1, "Newest")]:
        KeyWorkingSessionFactory(child=child, child_voice=words, happened_at=now - datetime.timedelta(days=days))
    KeyWorkingSessionFactory(child=child, child_voice="Archived words", archived=True)
    KeyWorkingSessionFactory(
        child=child, child_voice="By Tomás", author=recorder, happened_at=now - datetime.timedelta(days=2)
    )
    page = page_of(client_for(assessor), child)
    start = page.index("In Siobhán's words")
    words = page[start : page.index("</section>", start)]
    assert re.findall(r"“(.*?)”", words) == ["Newest", "By Tomás", "Second"]
    day = timezone.localtime(now - datetime.timedelta(days=2))
    assert f"{day:%a} {day.day} {day:%b %Y}, recorded by Tomás Byrne" in words
    assert 'All key working<span class="visually-hidden"> with Siobhán</span>' in words


def test_without_words_yet_the_page_says_where_they_will_come_from(client_for, staff, child):
    assert "what Siobhán says in key working shows here" in page_of(client_for(staff), child)


# --- the tabs ---------------------------------------------------------------------------------------

TABS = [
    ("child_detail", "Overview"),
    ("child_details", "Details"),
    ("child_brain_map", "Brain map"),
    ("care_plan_list", "Plan"),
    ("risk_assessment_list", "Risk assessment"),
    ("key_working_list", "Key working"),
    ("activity_log", "Daily care"),
    ("provision_overview", "Education and therapy"),
    ("health_record", "Health"),
    ("medicines", "Medicines"),
    ("child_reviews", "Monthly reviews"),
    ("child_chronology", "Chronology"),
    ("child_history", "History"),
]


def tabs_of(page: str) -> list[tuple[str, bool]]:
    """The core apps' tabs, in order (later apps add theirs between and test them themselves)."""
    nav = re.search(r'<nav class="child-sections.*?</nav>', page, re.S).group(0)
    core = {label for _, label in TABS}
    return [
        (label, "aria-current" in attrs)
        for attrs, label in re.findall(r'<a class="nav-link([^>]*)>([^<]*)</a>', nav)
        if label in core
    ]


@pytest.mark.parametrize(("name", "label"), TABS)
def test_every_tab_is_a_page_of_its_own_marked_as_the_current_one(client_for, manager, child, name, label):
    tabs = tabs_of(page_of(client_for(manager), child, name))
    assert [tab for tab, _ in tabs] == [tab for _, tab in TABS]
    assert [tab for tab, current in tabs if current] == [label]


@pytest.mark.parametrize(("name", "label"), [("assessment_list", "Brain map"), ("child_trends", "Monthly reviews")])
def test_the_pages_a_tab_leads_on_to_keep_the_tabs(client_for, manager, child, name, label):
    tabs = tabs_of(page_of(client_for(manager), child, name))
    assert [tab for tab, current in tabs if current] == [label]


def test_the_plan_and_risk_tabs_open_the_version_in_force(client_for, staff, child):
    client = client_for(staff)
    plan_tab, risk_tab = reverse("child_plan", args=[child.pk]), reverse("child_risk", args=[child.pk])
    assert client.get(plan_tab).url == reverse("care_plan_list", args=[child.pk])
    assert client.get(risk_tab).url == reverse("risk_assessment_list", args=[child.pk])
    draft = CarePlanFactory(child=child)
    assert client.get(plan_tab).url == reverse("care_plan_detail", args=[draft.pk])
    active = signed(draft)
    CarePlanFactory(child=child)  # the next version, being written
    assert client.get(plan_tab).url == reverse("care_plan_detail", args=[active.pk])
    risk = signed(RiskAssessmentFactory(child=child))
    assert client.get(risk_tab).url == reverse("risk_assessment_detail", args=[risk.pk])
    page = page_of(client, child, "child_detail")
    assert f'href="{plan_tab}">Plan</a>' in page and f'href="{risk_tab}">Risk assessment</a>' in page


@pytest.mark.parametrize("name", ["child_plan", "child_risk"])
def test_the_plan_and_risk_tabs_refuse_other_methods(client_for, manager, child, name):
    assert client_for(manager).post(reverse(name, args=[child.pk])).status_code == 405


def test_history_is_a_tab_only_for_those_who_may_read_it(client_for, staff, child):
    assert "History" not in [tab for tab, _ in tabs_of(page_of(client_for(staff), child))]


def test_the_brain_map_and_monthly_reviews_are_tabs_not_the_overview(client_for, staff, assessor, child):
    make_assessment(child, assessor, scores=2, final=True)
    tracker = TrackerFactory(child=child)
    client = client_for(staff)
    overview = page_of(client, child)
    assert 'id="panel-assessments"' not in overview and 'id="panel-monthly-reviews"' not in overview
    assert 'id="panel-assessments"' in page_of(client, child, "child_brain_map")
    reviews = page_of(client, child, "child_reviews")
    assert 'id="panel-monthly-reviews"' in reviews
    assert reverse("tracker_detail", args=[tracker.pk]) in reviews


# --- constant queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["child_detail", "child_details", "child_brain_map", "child_reviews"])
def test_the_childs_pages_run_the_same_queries_however_many_records(client_for, staff, assessor, child, name):
    client = client_for(staff)
    url = reverse(name, args=[child.pk])
    goals = GoalFactory.create_batch(2, plan=signed(CarePlanFactory(child=child)))
    KeyWorkingSessionFactory(child=child)
    ProvisionArrangementFactory(child=child)
    make_assessment(child, assessor, scores=2, final=True)
    TrackerFactory(child=child)
    one = count_queries(client, url)
    for session in KeyWorkingSessionFactory.create_batch(5, child=child):
        session.goals_worked_on.set(goals)
    ProvisionArrangementFactory.create_batch(2, child=child)
    ActivityFactory.create_batch(3, child=child)
    make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=30))
    for months_back in (2, 3):
        month = today().replace(day=1)
        for _ in range(months_back):
            month = (month - datetime.timedelta(days=1)).replace(day=1)
        TrackerFactory(child=child, month=month)
    assert count_queries(client, url) == one


# --- wording (item 11) --------------------------------------------------------------------------------


class _Links(HTMLParser):
    """Each link's accessible text (visually hidden words included) and where it goes."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href", ""), ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((" ".join(text.split()), href))


@pytest.mark.parametrize("name", ["child_detail", "child_details", "child_brain_map", "child_reviews", "child_plan"])
def test_the_same_link_text_always_goes_to_the_same_place(client_for, manager, assessor, child, name):
    """Repeated links ("All versions", "Read the session") carry what they are about, for screen
    readers, so a list of the page's links makes sense on its own."""
    signed(CarePlanFactory(child=child))
    signed(RiskAssessmentFactory(child=child))
    for hours in (2, 3, 4):  # the same topic each time
        KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(hours=hours))
    make_assessment(child, assessor, scores=2, final=True)
    TrackerFactory(child=child)
    page = client_for(manager).get(reverse(name, args=[child.pk]), follow=True).text
    parser = _Links()
    parser.feed(page)
    places: dict[str, set[str]] = {}
    for text, href in parser.links:
        places.setdefault(text, set()).add(href)
    assert {text: hrefs for text, hrefs in places.items() if len(hrefs) > 1} == {}
