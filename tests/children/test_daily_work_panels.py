import datetime

from django.urls import reverse
from django.utils import timezone

from tests.children.factories import ActivityFactory, CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.factories import ChildFactory
from tests.utils import count_queries


def test_the_childs_page_shows_recent_key_working_in_their_words(client_for, assessor, child):
    KeyWorkingSessionFactory(child=child, child_voice="Can I paint my room green?")
    page = client_for(assessor).get(reverse("child_detail", args=[child.pk])).text
    assert "In Siobhán's words" in page
    assert "“Can I paint my room green?”" in page


def test_the_childs_page_sums_the_last_months_activities_by_domain(client_for, staff, child):
    ActivityFactory(child=child, region="limbic", duration_minutes=30)
    ActivityFactory(child=child, region="limbic", duration_minutes=45)
    ActivityFactory(
        child=child, region="cortex", duration_minutes=20, date=timezone.localdate() - datetime.timedelta(40)
    )
    page = client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert "2 · 75 min" in page  # relational, this month
    assert "0 · 0 min" in page  # the cognitive one was 40 days ago


def test_quick_add_links_are_for_the_homes_staff_only(client_for, staff, assessor, child):
    add = reverse("key_working_add", args=[child.pk])
    assert add in client_for(staff).get(reverse("child_detail", args=[child.pk])).text
    assert add not in client_for(assessor).get(reverse("child_detail", args=[child.pk])).text


def test_the_childs_page_runs_the_same_queries_however_many_records(client_for, staff, child):
    client = client_for(staff)
    url = reverse("child_detail", args=[child.pk])
    goals = GoalFactory.create_batch(2, plan=signed(CarePlanFactory(child=child)))
    KeyWorkingSessionFactory(child=child)
    ActivityFactory(child=child)
    one = count_queries(client, url)
    for session in KeyWorkingSessionFactory.create_batch(6, child=child):
        session.goals_worked_on.set(goals)
    for region in ("brainstem", "diencephalon", "limbic", "cortex", ""):
        ActivityFactory.create_batch(2, child=child, region=region)
    assert count_queries(client, url) == one


def test_the_dashboard_lists_children_without_recent_key_working(client_for, manager, home, child):
    seen_recently = ChildFactory(home=home, preferred_name="Kacper")
    KeyWorkingSessionFactory(child=seen_recently, happened_at=timezone.now() - datetime.timedelta(days=3))
    KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=20))
    never = ChildFactory(home=home, preferred_name="Zoë")
    page = client_for(manager).get(reverse("dashboard")).text
    start = page.index("No key working in the last 14 days")
    panel = page[start : page.index("</section>", start)]
    assert "Siobhán" in panel and never.preferred_name in panel
    assert "none recorded" in panel
    assert "Kacper" not in panel


def test_the_dashboard_panel_runs_the_same_queries_however_many_children(client_for, manager, home):
    client = client_for(manager)
    ChildFactory(home=home)
    one = count_queries(client, reverse("dashboard"))
    for child in ChildFactory.create_batch(3, home=home):
        KeyWorkingSessionFactory(child=child, happened_at=timezone.now() - datetime.timedelta(days=30))
    assert count_queries(client, reverse("dashboard")) == one
