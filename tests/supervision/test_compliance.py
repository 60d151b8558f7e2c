import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from homes.models import Membership
from supervision.models import SupervisionPolicy, SupervisionSession
from supervision.services.compliance import (
    compliance_counts_for_homes,
    compliance_for_homes,
    compliance_summary,
    last_months,
    month_starts,
)
from tests.factories import member
from tests.supervision.factories import make_session, staff_member, today


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def row_for(summary, person):
    return next(row for row in summary.staff if row.person == person)


def summary_for(home):
    start, end = last_months()
    return compliance_summary(home, start, end, wellbeing=True)


def test_last_supervised_next_due_and_overdue(home, supervisor, supervisee, colleague):
    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(10))
    make_session(home=home, supervisor=supervisor, attendees=[colleague], held_on=days_ago(40))
    summary = summary_for(home)
    jess, ffion = row_for(summary, supervisee), row_for(summary, colleague)
    assert jess.last_supervised == days_ago(10) and jess.next_due == days_ago(10) + datetime.timedelta(weeks=4)
    assert not jess.overdue
    assert ffion.overdue and ffion.days_overdue == 40 - 28
    assert colleague in [row.person for row in summary.overdue]


def test_never_supervised_is_due_one_interval_after_starting(home):
    veteran = staff_member(home, days_in_post=100)
    newcomer = staff_member(home, days_in_post=5)
    summary = summary_for(home)
    assert row_for(summary, veteran).overdue and row_for(summary, veteran).last_supervised is None
    assert not row_for(summary, newcomer).overdue
    assert row_for(summary, newcomer).next_due == days_ago(5) + datetime.timedelta(weeks=4)


def test_the_homes_policy_sets_the_interval(home, supervisor, supervisee):
    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(40))
    assert row_for(summary_for(home), supervisee).overdue
    SupervisionPolicy.objects.create(home=home, supervision_every_weeks=8)
    assert not row_for(summary_for(home), supervisee).overdue


def test_group_attendance_counts_for_each_attendee(home, supervisor, supervisee, colleague):
    make_session(
        home=home,
        supervisor=supervisor,
        attendees=[supervisee, colleague],
        kind=SupervisionSession.Kind.REFLECTIVE_PRACTICE,
        coping_rating=None,
        held_on=days_ago(3),
    )
    summary = summary_for(home)
    assert not row_for(summary, supervisee).overdue and not row_for(summary, colleague).overdue


def test_appraisal_has_its_own_clock_and_is_not_supervision(home, supervisor, supervisee):
    make_session(
        home=home,
        supervisor=supervisor,
        attendees=[supervisee],
        kind=SupervisionSession.Kind.APPRAISAL,
        coping_rating=None,
        held_on=days_ago(5),
    )
    row = row_for(summary_for(home), supervisee)
    assert row.last_appraisal == days_ago(5) and not row.appraisal_overdue
    assert row.last_supervised is None and row.overdue


def test_appraisal_due_yearly(home, supervisor):
    person = staff_member(home, days_in_post=400)
    assert row_for(summary_for(home), person).appraisal_overdue


def test_assessors_are_visitors_not_staff_in_scope(home, assessor, supervisee):
    people = [row.person for row in summary_for(home).staff]
    assert supervisee in people and assessor not in people


def test_share_on_time_month_by_month(home, supervisor):
    """Two people due; one supervised every four weeks, one only recently."""
    steady, patchy = staff_member(home, days_in_post=500), staff_member(home, days_in_post=500)
    for n in range(0, 200, 28):
        make_session(home=home, supervisor=supervisor, attendees=[steady], held_on=days_ago(n + 1))
    make_session(home=home, supervisor=supervisor, attendees=[patchy], held_on=days_ago(2))
    summary = summary_for(home)
    # The supervisor (deputy, in post 400 days) is due too and never supervised.
    assert [m.month for m in summary.months] == month_starts(*last_months())
    assert len(summary.months) == 6
    current = summary.months[-1]
    assert (current.due, current.on_time) == (3, 2)
    earlier = summary.months[0]
    assert (earlier.due, earlier.on_time, earlier.percent) == (3, 1, 33)


def test_people_not_yet_due_are_left_out_of_the_share(home):
    staff_member(home, days_in_post=3)
    assert summary_for(home).months[-1].due == 0
    assert summary_for(home).months[-1].percent is None


def test_constant_queries_however_many_homes_and_people(home, other_home, supervisor):
    def run():
        with CaptureQueriesContext(connection) as queries:
            compliance_for_homes([home, other_home], *last_months())
        return len(queries)

    few = run()
    for h in (home, other_home):
        for _ in range(4):
            person = staff_member(h)
            boss = staff_member(h, Membership.Role.MANAGER)
            make_session(home=h, supervisor=boss, attendees=[person], held_on=days_ago(9))
    assert run() == few


# --- pages ----------------------------------------------------------------------------------


def test_compliance_page_shows_overdue_chart_and_table(client_for, home, manager, supervisor, supervisee):
    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(45))
    page = client_for(manager).get(reverse("supervision_compliance", args=[home.pk])).text
    assert "Overdue 17 days" in page
    assert "<svg" in page and "Staff supervised on time" in page
    assert "Show as a table" in page and f"{today():%B %Y}" in page


@pytest.mark.parametrize("view", ["supervision_compliance", "supervision_compliance_csv", "supervision_compliance_pdf"])
def test_compliance_persona_matrix(client_for, home, view, manager, deputy, clinical_lead, administrator, request):
    url = reverse(view, args=[home.pk])
    for who in (manager, deputy, clinical_lead, administrator):
        assert client_for(who).get(url).status_code == 200
    for role in (Membership.Role.CARE_STAFF, Membership.Role.ASSESSOR):
        assert client_for(member(home, role)).get(url).status_code == 403
    other = request.getfixturevalue("other_manager")
    assert client_for(other).get(url).status_code == 404
    assert client_for(manager).post(url).status_code == 405


def test_compliance_page_queries_do_not_grow(client_for, home, manager, supervisor):
    client = client_for(manager)
    url = reverse("supervision_compliance", args=[home.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        make_session(home=home, supervisor=supervisor, attendees=[staff_member(home)], held_on=days_ago(12))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_manager_sets_the_policy(client_for, home, manager):
    url = reverse("supervision_policy", args=[home.pk])
    assert client_for(manager).get(url).status_code == 200
    response = client_for(manager).post(
        url, {"supervision_every_weeks": 6, "appraisal_every_months": 12, "revision": 1}
    )
    assert response.status_code == 302
    assert SupervisionPolicy.objects.get(home=home).supervision_every_weeks == 6
    response = client_for(manager).post(url, {"supervision_every_weeks": 60, "appraisal_every_months": 12})
    assert response.status_code == 200
    assert "Supervision due every (weeks) must be 26 or less" in response.text


def test_policy_persona_matrix(client_for, home, staff, deputy, clinical_lead, other_manager, manager):
    url = reverse("supervision_policy", args=[home.pk])
    data = {"supervision_every_weeks": 2, "appraisal_every_months": 6}
    assert client_for(deputy).get(url).status_code == 200
    for who in (staff, clinical_lead):
        assert client_for(who).get(url).status_code == 403
        assert client_for(who).post(url, data).status_code == 403
    assert client_for(other_manager).post(url, data).status_code == 404
    assert client_for(manager).put(url).status_code == 405
    assert not SupervisionPolicy.objects.exists()


# --- dashboard -------------------------------------------------------------------------------


def test_dashboard_shows_the_home_at_a_glance_to_managers(client_for, home, manager, supervisor, supervisee):
    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(50))
    page = client_for(manager).get(reverse("dashboard")).text
    assert 'id="panel-supervision-compliance"' in page
    assert "overdue" in page and "Jess Whitfield" in page
    assert reverse("supervision_compliance", args=[home.pk]) in page


def test_provider_wide_dashboards_get_one_row_per_home_without_names_or_charts(
    client_for, home, other_home, administrator, supervisor, supervisee
):
    """Issue 14: forty homes' charts, tables and overdue names made the administrator's page
    235 KB; people who see every home get counts per home, the home's page has the rest."""
    from tests.supervision.factories import make_training

    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(50))
    make_training(supervisee, "Safeguarding children", today() - datetime.timedelta(days=365 * 4))
    page = client_for(administrator).get(reverse("dashboard")).text
    panel = page.split('id="panel-compliance-heading"')[1].split("</section>")[0]
    assert reverse("supervision_compliance", args=[home.pk]) in panel
    assert reverse("supervision_compliance", args=[other_home.pk]) in panel
    assert reverse("training_matrix", args=[home.pk]) in panel
    assert "Jess Whitfield" not in panel and "<svg" not in panel and "Show as a table" not in panel
    assert '<span class="badge text-bg-danger">2</span>' in panel  # Jess, and Tom who supervises her
    assert f"{home.name}: </span>1<" in panel  # her expired course


def test_the_per_home_training_counts_are_the_matrixs(home, other_home, supervisee):
    from supervision.services.training import status_counts, training_counts_for_homes, training_matrix
    from tests.supervision.factories import make_training

    make_training(supervisee, "Safeguarding children", today() - datetime.timedelta(days=365 * 4))
    make_training(supervisee, "Safeguarding children", today() - datetime.timedelta(days=30))
    make_training(supervisee, "Medication administration", today() - datetime.timedelta(days=340))
    make_training(staff_member(other_home), "First aid (paediatric)", today() - datetime.timedelta(days=2000))
    matrix = training_matrix([home, other_home])
    counts = training_counts_for_homes([home, other_home])
    assert counts == {h.pk: status_counts(matrix[h.pk]) for h in (home, other_home)}


def test_the_per_home_compliance_counts_are_the_summarys(home, other_home, supervisor):
    """Issue 14: the provider-wide row reads only the last interval's supervision; each case of
    the full summary's rule gives the same overdue count and share this month."""
    on_time, late = staff_member(home), staff_member(home)
    staff_member(home)  # never supervised, in post 400 days: overdue
    staff_member(home, days_in_post=5)  # never supervised, in post five days: not yet due
    # Started here a week ago, last supervised (at their old home) a year ago: due long since.
    moved, elsewhere = staff_member(home, days_in_post=7), staff_member(other_home)
    make_session(home=other_home, supervisor=elsewhere, attendees=[moved], held_on=days_ago(365))
    make_session(home=home, supervisor=supervisor, attendees=[on_time], held_on=days_ago(3))
    make_session(home=home, supervisor=supervisor, attendees=[late], held_on=days_ago(45))
    make_session(home=home, supervisor=supervisor, attendees=[late], kind=SupervisionSession.Kind.APPRAISAL)
    SupervisionPolicy.objects.create(home=other_home, supervision_every_weeks=10)
    make_session(home=other_home, supervisor=elsewhere, attendees=[staff_member(other_home)], held_on=days_ago(60))
    start, end = last_months(1)
    full = compliance_for_homes([home, other_home], start, end)
    counts = compliance_counts_for_homes([home, other_home])
    assert [(c.home, c.overdue, c.current) for c in counts] == [(s.home, len(s.overdue), s.current) for s in full]
    assert [c.overdue for c in counts] == [4, 1]  # late, never, moved, Tom; the supervisor there


def test_care_staff_see_only_their_own_panel(client_for, home, supervisee, supervisor):
    make_session(home=home, supervisor=supervisor, attendees=[supervisee], held_on=days_ago(2))
    page = client_for(supervisee).get(reverse("dashboard")).text
    assert 'id="panel-my-supervision"' in page
    assert 'id="panel-supervision-compliance"' not in page
    assert "1 record" in page  # waiting for her signature


def test_dashboard_queries_do_not_grow_with_staff(client_for, home, administrator, other_home):
    client = client_for(administrator)
    bosses = {h: staff_member(h, Membership.Role.MANAGER) for h in (home, other_home)}
    for h, boss in bosses.items():
        make_session(home=h, supervisor=boss, attendees=[staff_member(h)], held_on=days_ago(5))
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for h, boss in bosses.items():
        for _ in range(3):
            make_session(home=h, supervisor=boss, attendees=[staff_member(h)], held_on=days_ago(5))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("dashboard"))
    assert len(many) == len(few)


def test_a_leaver_counts_in_the_months_they_worked_and_not_after(home, supervisor):
    """Issue 12, item 7: memberships end; the share of past months keeps the people who were in
    post then, and the table of staff lists only those in post now."""
    leaver = staff_member(home, days_in_post=500)
    for n in range(100, 300, 28):
        make_session(home=home, supervisor=supervisor, attendees=[leaver], held_on=days_ago(n))
    Membership.all_objects.filter(user=leaver, home=home).update(ended_on=days_ago(90))
    summary = summary_for(home)
    earlier, current = summary.months[0], summary.months[-1]
    # The supervisor (in post 400 days, never supervised) is due in every month; the leaver only
    # in the months before they left, and on time then.
    assert (earlier.due, earlier.on_time) == (2, 1)
    assert (current.due, current.on_time) == (1, 0)
    assert leaver not in [row.person for row in summary.staff]
