"""Staff starters, leavers and turnover (issue 12, item 7): memberships start and end; an ended
membership is no membership (access answers 404); the home's page counts starters, leavers and
turnover per year, and Annex A the period's staff changes."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homes import access, extensions
from homes.admin import MembershipInline
from homes.models import Membership, User
from homes.services import membership_end, user_deactivate
from homes.staffing import staff_changes, staff_years
from tests.factories import ChildFactory, MembershipFactory, UserFactory, member
from tests.utils import today


def _end(person: User, home, on: datetime.date) -> Membership:
    return membership_end(membership=Membership.objects.get(user=person, home=home), on=on)


@pytest.fixture
def leaver(home):
    person = member(home, Membership.Role.MANAGER, full_name="Owen Price", days_in_post=400)
    _end(person, home, today())
    return person


def test_an_ended_member_gets_404_for_the_home_and_its_children(client_for, home, leaver):
    child = ChildFactory(home=home)
    client = client_for(leaver)
    assert client.get(reverse("home_detail", args=[home.pk])).status_code == 404
    assert client.get(reverse("child_detail", args=[child.pk])).status_code == 404
    assert not access.homes_for(leaver).exists() and not access.children_for(leaver).exists()
    assert not access.homes_run_by(leaver).exists()
    assert access.role_in(leaver, home) is None and not access.can_manage_home(leaver, home)
    with access.roles_known(leaver):
        assert access.role_in(leaver, home) is None


def test_a_member_leaving_on_a_later_day_keeps_access_until_then(client_for, home, staff):
    _end(staff, home, today() + datetime.timedelta(days=7))
    assert client_for(staff).get(reverse("home_detail", args=[home.pk])).status_code == 200
    assert access.homes_for(staff).filter(pk=home.pk).exists()


def test_an_ended_member_is_no_longer_offered_as_key_worker_or_assessor(home, leaver):
    assessor = member(home, Membership.Role.ASSESSOR, days_in_post=30)
    _end(assessor, home, today())
    assert leaver not in User.objects.working_in(home)
    assert assessor not in User.objects.assessors()


def test_the_membership_row_stays_and_a_leaver_may_come_back(home, leaver):
    assert not Membership.objects.filter(user=leaver).exists()
    assert Membership.all_objects.filter(user=leaver, ended_on=today()).exists()
    MembershipFactory(user=leaver, home=home, role=Membership.Role.CARE_STAFF)
    assert access.homes_for(leaver).filter(pk=home.pk).exists()
    with pytest.raises(IntegrityError), transaction.atomic():  # one current role per home
        MembershipFactory(user=leaver, home=home, role=Membership.Role.CARE_STAFF)


def test_a_membership_cannot_end_before_it_started(home, staff):
    membership = Membership.objects.get(user=staff, home=home)
    membership.ended_on = membership.started_on - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_the_admin_ends_a_membership_and_never_deletes_one():
    assert MembershipInline.can_delete is False
    assert "ended_on" in MembershipInline.fields


def _admin_client(client_for):
    return client_for(UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True))


def test_the_admin_shows_ended_memberships_with_their_date(client_for, home, leaver):
    page = _admin_client(client_for).get(reverse("admin:homes_home_change", args=[home.pk])).text
    assert "Owen Price" in page and 'name="memberships-0-ended_on"' in page
    assert "DELETE" not in page
    # Whose membership a row is never changes: the person is shown, not picked.
    assert 'name="memberships-0-user"' not in page and 'name="memberships-2-0-user"' in page


def test_the_admins_home_page_asks_no_query_per_member(client_for, home):
    client = _admin_client(client_for)
    url = reverse("admin:homes_home_change", args=[home.pk])
    member(home, Membership.Role.CARE_STAFF)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        member(home, Membership.Role.CARE_STAFF)
    with CaptureQueriesContext(connection) as six:
        page = client.get(url).text
    assert len(six) == len(one)
    assert page.count('-role" id="id_memberships-') == 6 + 2  # and the new member's form, and its template


def test_the_admin_changes_a_role_and_adds_a_member_on_one_page(client_for, home, staff):
    client = _admin_client(client_for)
    url = reverse("admin:homes_home_change", args=[home.pk])
    existing = Membership.objects.get(user=staff, home=home)
    newcomer = UserFactory(full_name="Jess Whitfield")
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(
        {
            "registered_manager": home.registered_manager_id or "",
            "memberships-TOTAL_FORMS": 1,
            "memberships-INITIAL_FORMS": 1,
            "memberships-0-id": existing.pk,
            "memberships-0-home": home.pk,
            "memberships-0-role": Membership.Role.DEPUTY_MANAGER,
            "memberships-0-started_on": existing.started_on.isoformat(),
            "memberships-0-ended_on": "",
            "memberships-2-TOTAL_FORMS": 1,
            "memberships-2-INITIAL_FORMS": 0,
            "memberships-2-0-user": newcomer.pk,
            "memberships-2-0-role": Membership.Role.CARE_STAFF,
            "memberships-2-0-started_on": today().isoformat(),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Membership.objects.get(pk=existing.pk).role == Membership.Role.DEPUTY_MANAGER
    assert Membership.objects.get(pk=existing.pk).user == staff  # the person is not the form's to change
    assert Membership.objects.get(user=newcomer, home=home).role == Membership.Role.CARE_STAFF


def test_starters_leavers_and_turnover_per_year(home):
    def span(started: str, ended: str | None = None, role=Membership.Role.CARE_STAFF) -> None:
        MembershipFactory(
            home=home,
            role=role,
            started_on=datetime.date.fromisoformat(started),
            ended_on=datetime.date.fromisoformat(ended) if ended else None,
        )

    span("2023-05-01")  # in post throughout
    span("2023-06-01", "2025-03-31")  # left in 2025
    span("2024-02-01", "2025-09-30")  # started in 2024, left in 2025
    span("2025-04-01")  # started in 2025
    span("2025-01-10", "2025-11-30", role=Membership.Role.ASSESSOR)  # a visiting assessor: not counted
    this_year, last_year, before = staff_years(home, datetime.date(2025, 12, 2))
    assert (this_year.year, this_year.end) == (2025, datetime.date(2025, 12, 2))
    assert (this_year.starters, this_year.leavers) == (1, 2)
    # In post on 31 December 2024: three; on 2 December 2025: two. Turnover 2 / 2.5 = 80%.
    assert (this_year.headcount_at_start, this_year.headcount_at_end) == (3, 2)
    assert this_year.turnover == pytest.approx(80.0)
    assert (last_year.starters, last_year.leavers, last_year.turnover) == (1, 0, 0.0)
    assert (before.starters, before.leavers, before.headcount_at_start) == (2, 0, 0)
    assert staff_years(home, datetime.date(2025, 12, 2), count=5)[-1].turnover is None  # no one to count


def test_a_leaver_counts_on_the_day_they_left():
    spans = [(datetime.date(2025, 1, 1), datetime.date(2025, 6, 1))]
    changes = staff_changes(None, datetime.date(2025, 6, 1), datetime.date(2025, 6, 30), spans)
    assert (changes.leavers, changes.headcount_at_start, changes.headcount_at_end) == (1, 1, 0)


def test_the_home_page_shows_starters_leavers_and_turnover(client_for, home, manager, leaver):
    page = client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert "Staff starters, leavers and turnover" in page
    assert f"left {today():%-d %b %Y}" in page  # the leaver stays in the staff list, with the date
    year = staff_years(home, today())[0]
    assert year.leavers == 1 and f"{year.turnover:.0f}%" in page


def test_the_home_page_queries_do_not_grow_with_staff(client_for, home, manager):
    client = client_for(manager)
    url = reverse("home_detail", args=[home.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        person = member(home, days_in_post=300 + n)
        if n % 2:
            _end(person, home, today() - datetime.timedelta(days=n))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_annex_a_counts_the_periods_staff_changes(home, leaver):
    member(home, days_in_post=10)
    member(home, days_in_post=200)
    table = extensions.annex_a_for(home, today() - datetime.timedelta(days=30), today())
    lines = {line.label: line.number for line in table}
    assert lines["Staff who started"] == 1 and lines["Staff who left"] == 1


def test_deactivating_a_person_ends_their_memberships_today(home, other_home, staff):
    MembershipFactory(user=staff, home=other_home)
    user_deactivate(user=staff)
    ended = Membership.all_objects.filter(user=staff)
    assert ended.count() == 2 and set(ended.values_list("ended_on", flat=True)) == {today()}
    assert staff_years(home, today())[0].leavers == 1
