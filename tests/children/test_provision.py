import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from children.models import ProvisionArrangement, ProvisionSession
from children.models import provision as models
from children.services import provision as services
from tests.children.factories import ProvisionArrangementFactory, ProvisionSessionFactory
from tests.utils import count_queries, today

Status = ProvisionSession.Status


def arrangement_form(**overrides) -> dict:
    data = {
        "kind": ProvisionArrangement.Kind.EDUCATION,
        "provider": "Calder High School",
        "description": "Year 7, reduced timetable",
        "start_date": (today() - datetime.timedelta(days=30)).isoformat(),
        "end_date": "",
        "frequency": ProvisionArrangement.Frequency.DAILY,
    }
    data.update(overrides)
    return data


@pytest.fixture
def arrangement(child):
    return ProvisionArrangementFactory(child=child)


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "deputy", "manager", "assessor", "clinical_lead", "administrator"])
def test_everyone_within_reach_reads(request, client_for, child, arrangement, person):
    client = client_for(request.getfixturevalue(person))
    for url in (
        reverse("provision_overview", args=[child.pk]),
        reverse("provision_arrangement", args=[arrangement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Calder Valley Therapy Service" in response.text


def test_another_homes_member_gets_404(client_for, other_manager, child, arrangement):
    client = client_for(other_manager)
    for name, arg in (
        ("provision_overview", child.pk),
        ("provision_arrangement_add", child.pk),
        ("provision_arrangement", arrangement.pk),
        ("provision_arrangement_edit", arrangement.pk),
    ):
        assert client.get(reverse(name, args=[arg])).status_code == 404
    register = {"date": today().isoformat(), "status": Status.ATTENDED}
    assert client.post(reverse("provision_arrangement", args=[arrangement.pk]), register).status_code == 404
    assert not ProvisionSession.objects.exists()


@pytest.mark.parametrize("person", ["manager", "deputy"])
def test_managers_set_up_and_change_arrangements(request, client_for, child, person):
    client = client_for(request.getfixturevalue(person))
    response = client.post(reverse("provision_arrangement_add", args=[child.pk]), arrangement_form())
    arrangement = ProvisionArrangement.objects.get()
    assert response.url == reverse("provision_arrangement", args=[arrangement.pk])
    assert arrangement.child == child
    end = today().isoformat()
    client.post(
        reverse("provision_arrangement_edit", args=[arrangement.pk]), arrangement_form(end_date=end, revision=1)
    )
    arrangement.refresh_from_db()
    assert arrangement.end_date == today()


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead"])
def test_others_cannot_set_up_arrangements(request, client_for, child, arrangement, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("provision_arrangement_add", args=[child.pk])).status_code == 403
    assert client.post(reverse("provision_arrangement_add", args=[child.pk]), arrangement_form()).status_code == 403
    edit = reverse("provision_arrangement_edit", args=[arrangement.pk])
    assert client.post(edit, arrangement_form(provider="Changed")).status_code == 403
    assert ProvisionArrangement.objects.get().provider == "Calder Valley Therapy Service"


@pytest.mark.parametrize("person", ["staff", "deputy", "manager"])
def test_the_homes_staff_fill_in_the_register(request, client_for, arrangement, person):
    user = request.getfixturevalue(person)
    url = reverse("provision_arrangement", args=[arrangement.pk])
    yesterday = today() - datetime.timedelta(days=1)
    response = client_for(user).post(url, {"date": yesterday.isoformat(), "status": Status.DID_NOT_ATTEND})
    assert response.status_code == 302
    session = ProvisionSession.objects.get()
    assert (session.date, session.status, session.recorded_by) == (yesterday, Status.DID_NOT_ATTEND, user)


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_the_register(request, client_for, arrangement, person):
    url = reverse("provision_arrangement", args=[arrangement.pk])
    response = client_for(request.getfixturevalue(person)).post(
        url, {"date": today().isoformat(), "status": "attended"}
    )
    assert response.status_code == 403
    assert not ProvisionSession.objects.exists()


def test_wrong_methods_are_refused(client_for, manager, child, arrangement):
    client = client_for(manager)
    assert client.post(reverse("provision_overview", args=[child.pk])).status_code == 405
    assert client.put(reverse("provision_arrangement", args=[arrangement.pk])).status_code == 405
    assert client.put(reverse("provision_arrangement_add", args=[child.pk])).status_code == 405
    assert client.put(reverse("provision_arrangement_edit", args=[arrangement.pk])).status_code == 405


# --- rules -----------------------------------------------------------------------------------


def test_an_arrangement_cannot_end_before_it_starts(client_for, manager, child):
    data = arrangement_form(end_date=(today() - datetime.timedelta(days=60)).isoformat())
    response = client_for(manager).post(reverse("provision_arrangement_add", args=[child.pk]), data)
    assert models.ARRANGEMENT_ENDS_BEFORE_START in response.text
    assert not ProvisionArrangement.objects.exists()


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [(1, models.SESSION_IN_FUTURE), (-500, "before Siobhán came to live at the home")],
)
def test_register_dates_are_checked(client_for, staff, arrangement, days_from_today, message):
    day = today() + datetime.timedelta(days=days_from_today)
    url = reverse("provision_arrangement", args=[arrangement.pk])
    response = client_for(staff).post(url, {"date": day.isoformat(), "status": Status.ATTENDED})
    assert response.status_code == 200
    assert message in response.text
    assert not ProvisionSession.objects.exists()


def test_a_session_outside_the_arrangement_is_refused(client_for, staff, child):
    arrangement = ProvisionArrangementFactory(child=child, start_date=today() - datetime.timedelta(days=10))
    url = reverse("provision_arrangement", args=[arrangement.pk])
    day = today() - datetime.timedelta(days=20)
    response = client_for(staff).post(url, {"date": day.isoformat(), "status": Status.ATTENDED})
    assert "this date is outside it" in response.text
    assert not ProvisionSession.objects.exists()


def test_filling_in_a_day_twice_corrects_the_line_and_keeps_the_history(client_for, staff, manager, arrangement):
    url = reverse("provision_arrangement", args=[arrangement.pk])
    day = (today() - datetime.timedelta(days=2)).isoformat()
    client_for(staff).post(url, {"date": day, "status": Status.ATTENDED})
    response = client_for(manager).post(url, {"date": day, "status": Status.CANCELLED_BY_PROVIDER}, follow=True)
    assert "corrected in the register" in response.text
    session = ProvisionSession.objects.get()
    assert (session.status, session.recorded_by) == (Status.CANCELLED_BY_PROVIDER, manager)
    change = LogEntry.objects.get_for_object(session).filter(action=LogEntry.Action.UPDATE).get()
    assert change.changes_dict["status"] == [Status.ATTENDED, Status.CANCELLED_BY_PROVIDER]


# --- attendance by month ---------------------------------------------------------------------


def _register(arrangement, day: datetime.date, *statuses: str) -> None:
    for offset, status in enumerate(statuses):
        ProvisionSessionFactory(arrangement=arrangement, date=day + datetime.timedelta(days=offset), status=status)


@pytest.fixture
def long_placed_child(child):
    child.admission_date = datetime.date(2025, 1, 5)
    child.save()
    return child


def test_attendance_by_month_counts_each_outcome_and_leaves_provider_cancellations_out(long_placed_child):
    arrangement = ProvisionArrangementFactory(child=long_placed_child, start_date=datetime.date(2025, 2, 10))
    _register(arrangement, datetime.date(2025, 3, 3), Status.ATTENDED, Status.ATTENDED, Status.ATTENDED)
    _register(arrangement, datetime.date(2025, 3, 10), Status.CANCELLED_BY_PROVIDER, Status.DID_NOT_ATTEND)
    _register(arrangement, datetime.date(2025, 4, 1), Status.CANCELLED_BY_HOME, Status.ATTENDED)
    _register(arrangement, datetime.date(2025, 5, 1), Status.CANCELLED_BY_PROVIDER)

    [result] = services.attendance_by_month(
        long_placed_child, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)
    )
    assert result.arrangement == arrangement
    months = {m.month: m for m in result.months}
    # The arrangement began in February: January is not a month of missed sessions.
    assert list(months) == [datetime.date(2025, month, 1) for month in (2, 3, 4, 5, 6)]
    march = months[datetime.date(2025, 3, 1)]
    assert (march.attended, march.did_not_attend, march.cancelled_by_provider, march.cancelled_by_home) == (3, 1, 1, 0)
    assert march.rate == 3 / 4
    assert march.percent == 75
    assert march.expected == 4  # weekly
    assert months[datetime.date(2025, 4, 1)].rate == 1 / 2  # the home's cancellation counts as missed
    assert months[datetime.date(2025, 5, 1)].rate is None  # only the provider cancelled
    assert months[datetime.date(2025, 6, 1)].recorded == 0
    assert (result.total.attended, result.total.possible) == (4, 6)


def test_attendance_stops_when_the_arrangement_ends_and_is_per_arrangement(long_placed_child):
    school = ProvisionArrangementFactory(
        child=long_placed_child,
        kind=ProvisionArrangement.Kind.EDUCATION,
        start_date=datetime.date(2025, 1, 6),
        end_date=datetime.date(2025, 2, 14),
    )
    therapy = ProvisionArrangementFactory(child=long_placed_child, start_date=datetime.date(2025, 1, 6))
    _register(school, datetime.date(2025, 2, 3), Status.ATTENDED, Status.DID_NOT_ATTEND)
    _register(therapy, datetime.date(2025, 2, 3), Status.ATTENDED)
    result = services.attendance_by_month(
        long_placed_child, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 4, 30)
    )
    by_arrangement = {item.arrangement: item for item in result}
    assert [m.month.month for m in by_arrangement[school].months] == [1, 2]
    assert by_arrangement[school].months[1].rate == 0.5
    assert [m.month.month for m in by_arrangement[therapy].months] == [1, 2, 3, 4]
    assert by_arrangement[therapy].months[1].rate == 1.0


def test_attendance_defaults_to_the_last_twelve_months(child, arrangement):
    child.admission_date = today() - datetime.timedelta(days=800)
    child.save()
    arrangement.start_date = child.admission_date
    arrangement.save()
    [result] = services.attendance_by_month(child)
    assert len(result.months) == 12
    assert result.months[-1].month == today().replace(day=1)


def test_attendance_takes_two_queries_however_many_sessions(long_placed_child, django_assert_num_queries):
    for kind in ProvisionArrangement.Kind.values:
        arrangement = ProvisionArrangementFactory(
            child=long_placed_child, kind=kind, start_date=datetime.date(2025, 1, 6)
        )
        _register(arrangement, datetime.date(2025, 2, 3), *[Status.ATTENDED] * 10)
    with django_assert_num_queries(2):
        services.attendance_by_month(long_placed_child, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 1))


def test_the_overview_shows_rates_as_a_chart_and_a_table(client_for, staff, long_placed_child):
    arrangement = ProvisionArrangementFactory(child=long_placed_child, start_date=today() - datetime.timedelta(days=40))
    yesterday = today() - datetime.timedelta(days=1)
    ProvisionSessionFactory(arrangement=arrangement, date=yesterday, status=Status.ATTENDED)
    page = client_for(staff).get(reverse("provision_overview", args=[long_placed_child.pk])).text
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="month-chart"' in page
    assert f"<title>{yesterday:%B %Y}: 100% (on track)</title>" in page
    assert "100%</td>" in page


def test_the_pages_run_the_same_queries_for_few_or_many_records(client_for, staff, child):
    client = client_for(staff)
    arrangement = ProvisionArrangementFactory(child=child)
    ProvisionSessionFactory(arrangement=arrangement)
    urls = [reverse("provision_overview", args=[child.pk]), reverse("provision_arrangement", args=[arrangement.pk])]
    counts = []
    for url in urls:
        counts.append(count_queries(client, url))
    for offset in range(2, 30):
        ProvisionSessionFactory(arrangement=arrangement, date=today() - datetime.timedelta(days=offset))
    ProvisionArrangementFactory.create_batch(3, child=child)
    for url, count in zip(urls, counts, strict=True):
        assert count_queries(client, url) == count, url


def test_arrangements_and_sessions_are_in_the_change_history(client_for, manager, child):
    client_for(manager).post(reverse("provision_arrangement_add", args=[child.pk]), arrangement_form())
    arrangement = ProvisionArrangement.objects.get()
    assert LogEntry.objects.get_for_object(arrangement).get().actor == manager
