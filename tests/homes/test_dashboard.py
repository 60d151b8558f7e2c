import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.models import Membership
from tests.children.factories import KeyWorkingSessionFactory
from tests.factories import ChildFactory, UserFactory, member
from tests.utils import count_queries


def test_manager_sees_each_child_with_age_days_and_key_worker(client_for, manager, child, staff):
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Willow House" in page
    assert "Siobhán" in page
    assert str(child.age) in page
    assert f"<td>{child.days_in_placement}</td>" in page
    assert staff.full_name in page
    assert reverse("child_admit", args=[child.home.pk]) in page


def test_care_staff_see_their_key_children_and_cannot_admit(client_for, staff, child, home):
    page = client_for(staff).get(reverse("dashboard")).text
    assert "Siobhán" in page
    assert "your key child" in page
    assert reverse("child_admit", args=[home.pk]) not in page


def test_other_homes_children_are_not_shown(client_for, other_manager, child):
    page = client_for(other_manager).get(reverse("dashboard")).text
    assert "Siobhán" not in page


def test_discharged_children_leave_the_dashboard(client_for, manager, child):
    child.discharge_date = child.admission_date
    child.discharge_destination = "Foster care"
    child.save()
    assert "Siobhán" not in client_for(manager).get(reverse("dashboard")).text


def test_assessor_sees_children_assigned_in_homes_they_do_not_belong_to(client_for, other_home):
    visiting = member(other_home, Membership.Role.ASSESSOR)
    elsewhere = ChildFactory(preferred_name="Kacper", assessor=visiting)
    page = client_for(visiting).get(reverse("dashboard")).text
    assert "Children you assess" in page
    assert "Kacper" in page
    assert elsewhere.home.name in page


def test_administrator_sees_every_home(client_for, administrator, home, other_home):
    page = client_for(administrator).get(reverse("dashboard")).text
    assert home.name in page and other_home.name in page


def test_a_person_with_no_role_is_told_what_to_do(client_for, django_user_model):
    page = client_for(UserFactory()).get(reverse("dashboard")).text
    assert "Ask your provider administrator" in page


def test_dashboard_refuses_post(client_for, manager):
    assert client_for(manager).post(reverse("dashboard")).status_code == 405


@pytest.mark.parametrize("persona", ["manager", "deputy", "staff", "administrator", "clinical_lead", "assessor"])
def test_dashboard_query_count_does_not_grow_with_children(request, client_for, home, other_home, persona):
    person = request.getfixturevalue(persona)
    client = client_for(person)
    ChildFactory(home=home)
    few = count_queries(client, reverse("dashboard"))
    for _ in range(6):
        ChildFactory(home=home)
        ChildFactory(home=other_home)
    assert count_queries(client, reverse("dashboard")) == few


def test_home_page_lists_children_who_left(client_for, manager, child, home):
    child.discharge_date = child.admission_date
    child.discharge_destination = "Supported lodgings"
    child.save()
    page = client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert "Have left" in page and "Supported lodgings" in page


def test_home_page_persona_matrix(client_for, home, manager, staff, other_manager):
    url = reverse("home_detail", args=[home.pk])
    assert client_for(manager).get(url).status_code == 200
    assert client_for(staff).get(url).status_code == 200
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_home_page_query_count_does_not_grow(client_for, manager, home):
    client = client_for(manager)
    url = reverse("home_detail", args=[home.pk])
    ChildFactory(home=home)
    few = count_queries(client, url)
    for _ in range(5):
        ChildFactory(home=home)
    assert count_queries(client, url) == few


@pytest.mark.parametrize("url_name", ["supervision_compliance", "home_reviews", "evidence_list"])
def test_home_page_links_the_managers_pages_for_managers_only(client_for, home, manager, staff, url_name):
    link = reverse(url_name, args=[home.pk])
    assert link in client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert link not in client_for(staff).get(reverse("home_detail", args=[home.pk])).text


# --- Dashboards by role (issue 13) -----------------------------------------------------------


def _key_working(child, days_ago: int):
    return KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=days_ago))


def _section(page: str, heading_id: str) -> str:
    """The dashboard section whose heading has this id (up to the next section)."""
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_care_staff_see_their_key_children_first_with_when_key_working_last_happened(client_for, staff, home):
    recent = ChildFactory(home=home, preferred_name="Seun", key_worker=staff)
    _key_working(recent, days_ago=3)
    waiting = ChildFactory(home=home, preferred_name="Amira", key_worker=staff)
    _key_working(waiting, days_ago=9)
    never = ChildFactory(home=home, preferred_name="Kacper", key_worker=staff)
    ChildFactory(home=home, preferred_name="Someone", key_worker=member(home))  # not theirs

    page = client_for(staff).get(reverse("dashboard")).text
    assert "{#" not in page and "#}" not in page  # template comments stay comments
    mine = _section(page, "key-children-heading")
    assert page.index("Your key children") < page.index("panel-mine-heading")  # theirs first, then to do
    assert "Someone" not in mine
    # Those waiting longest first, each with when and a flag past the home's expectation (7 days).
    assert mine.index("Kacper") < mine.index("Amira") < mine.index("Seun")
    assert "3 days ago" in mine and "9 days ago" in mine and "none recorded" in mine
    assert "Longer than 7 days" in mine and "Not yet" in mine
    seun_row = mine[mine.index("Seun") : mine.index("</li>", mine.index("Seun"))]
    assert "badge" not in seun_row
    for child in (recent, waiting, never):
        log = reverse("key_working_add", args=[child.pk])
        assert f'href="{log}">Log key working<span class="visually-hidden"> for {child.preferred_name}</span>' in mine


def test_the_homes_expectation_decides_the_flag(client_for, staff, home):
    home.key_working_every_days = 2
    home.save()
    child = ChildFactory(home=home, preferred_name="Seun", key_worker=staff)
    _key_working(child, days_ago=3)
    assert "Longer than 2 days" in _section(client_for(staff).get(reverse("dashboard")).text, "key-children-heading")


def test_care_staff_are_not_led_by_the_managers_lists(client_for, staff, manager, assessor, home, child):
    """Overdue plan reviews, assessments due and the home's children without key working are for
    those who run or assess in the home."""
    from tests.children.factories import CarePlanFactory, signed

    plan = signed(CarePlanFactory(child=child))
    plan.review_date = timezone.localdate() - datetime.timedelta(days=3)
    plan.save()
    staff_page = client_for(staff).get(reverse("dashboard")).text
    manager_page = client_for(manager).get(reverse("dashboard")).text
    for heading in ("Reviews overdue", "Assessments due", "No key working in the last"):
        assert heading not in staff_page
        assert heading in manager_page
    assert "No key working in the last" not in client_for(assessor).get(reverse("dashboard")).text
    # The manager sees what needs them before the home's hub.
    assert manager_page.index("Reviews overdue") < manager_page.index('id="home-')


def test_managers_see_the_drafts_waiting_for_their_sign_off(
    client_for, manager, deputy, staff, assessor, other_manager, administrator, child
):
    from tests.children.factories import CarePlanFactory, RiskAssessmentFactory

    plan = CarePlanFactory(child=child)
    RiskAssessmentFactory(child=child)
    for person in (manager, deputy, administrator):
        to_sign = _section(client_for(person).get(reverse("dashboard")).text, "to-sign-off-heading")
        assert f"Siobhán's plan, version {plan.version}" in to_sign and "Siobhán's risk assessment" in to_sign
        assert reverse("care_plan_detail", args=[plan.pk]) in to_sign
    for person in (staff, assessor, other_manager):  # they do not sign off this home's plans
        assert "Plans to sign off" not in client_for(person).get(reverse("dashboard")).text


def test_a_key_child_is_listed_only_where_the_key_worker_still_works(client_for, staff, home, other_home, child):
    Membership.objects.filter(user=staff).delete()
    member_elsewhere = Membership.objects.create(user=staff, home=other_home, role=Membership.Role.CARE_STAFF)
    assert member_elsewhere.pk
    assert "Your key children" not in client_for(staff).get(reverse("dashboard")).text


def test_the_home_card_links_the_homes_sections_by_role(client_for, home, manager, staff):
    manager_page = client_for(manager).get(reverse("dashboard")).text
    staff_page = client_for(staff).get(reverse("dashboard")).text
    for url_name in ("home_reviews", "supervision_compliance", "evidence_list"):
        assert reverse(url_name, args=[home.pk]) in manager_page  # evidence and team regulation from here
        assert reverse(url_name, args=[home.pk]) not in staff_page
    assert reverse("before_shift", args=[home.pk]) in staff_page


def test_the_inspector_sees_what_was_shared_with_them_described(client_for, home):
    from tests.tracker.factories import EvidencePackFactory, EvidenceShareFactory
    from tracker.models import EvidencePack

    inspector = UserFactory(full_name="Hannah Inspector")
    pack = EvidencePackFactory(
        home=home,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2026, 11, 30),
        status=EvidencePack.Status.READY,
        file="evidence/pack.zip",
        sha256="0" * 64,
        file_count=5,
        contents=[
            {"label": "Monthly review records and meeting packs", "count": 3},
            {"label": "Supervision compliance", "count": 2},
        ],
    )
    share = EvidenceShareFactory(pack=pack, inspector=inspector, code_sha256="", recipient="Hannah Inspector")
    EvidenceShareFactory(pack=EvidencePackFactory(home=home), inspector=None)  # someone else's code

    page = client_for(inspector).get(reverse("dashboard")).text
    assert "do not hold a role" not in page and "{#" not in page
    shared = _section(page, "shared-evidence-heading")
    assert home.name in shared and "From 1 September 2026 to 30 November 2026" in shared
    assert "5 documents" in shared and "Supervision compliance: 2" in shared
    assert f"until {timezone.localtime(share.expires_at):%-d %B %Y}" in shared
    assert reverse("evidence_download", args=[pack.pk]) in shared
    assert shared.count("Download") == 1
    # Nothing of the home's live records.
    assert reverse("home_detail", args=[home.pk]) not in page


def test_the_care_staff_dashboard_query_count_does_not_grow_with_key_children(client_for, staff, home):
    client = client_for(staff)
    _key_working(ChildFactory(home=home, key_worker=staff), days_ago=1)
    few = count_queries(client, reverse("dashboard"))
    for days in range(6):
        _key_working(ChildFactory(home=home, key_worker=staff), days_ago=days)
        ChildFactory(home=home, key_worker=staff)
    assert count_queries(client, reverse("dashboard")) == few


def test_the_inspector_dashboard_query_count_does_not_grow_with_shares(client_for, home, other_home):
    from tests.tracker.factories import EvidencePackFactory, EvidenceShareFactory

    inspector = UserFactory()
    client = client_for(inspector)

    def share(home):
        EvidenceShareFactory(pack=EvidencePackFactory(home=home), inspector=inspector, code_sha256="")

    share(home)
    few = count_queries(client, reverse("dashboard"))
    for _ in range(4):
        share(home)
        share(other_home)
    assert count_queries(client, reverse("dashboard")) == few


@pytest.fixture
def compiled(monkeypatch):
    """Every query Django compiles (built into SQL, whether or not it is then run)."""
    from django.db.models.sql.compiler import SQLCompiler

    found = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: found.append(self) or original(self, *a, **k))
    return found


def test_oversight_panels_over_no_homes_build_no_query(compiled, staff, home):
    """Care staff oversee no home: the oversight panels that list only the homes' work return
    nothing before building a query (each one compiled, though never run, cost milliseconds of
    their dashboard: issue 14). The assessments panel also lists the children assigned to the
    person as assessor, wherever they live, so it still asks."""
    from homes import access, extensions

    oversight = [p for p in extensions.dashboard_panels.values() if p.audience == extensions.OVERSIGHT]
    assert len(oversight) >= 5
    with access.roles_known(staff):
        for panel in oversight:
            if panel.name == "assessments_due":
                continue
            compiled.clear()
            assert panel.context(staff, []) is None, panel.name
            assert compiled == [], panel.name


@pytest.mark.parametrize("name", ["plans_to_sign_off", "key_working_due"])
def test_an_assessor_is_not_asked_for_what_only_managers_do(compiled, assessor, home, name):
    """An assessor oversees the home's overdue work, but signs off no plan and oversees no
    staff's key working: those panels build no query for them."""
    from homes import access, extensions

    with access.roles_known(assessor):
        compiled.clear()
        assert extensions.dashboard_panels[name].context(assessor, [home]) is None
    assert compiled == []
