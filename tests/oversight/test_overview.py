"""The provider overview (issue 12, item 1): one row per home, each measure's arithmetic at each
month's end, who may open it, and queries that do not grow with homes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.charts import sparkline
from children.overview import places_filled, reviews_overdue
from homes.dates import add_months, month_start
from homes.models import Membership, User
from supervision.models import WellbeingCheckIn
from supervision.overview import training_gaps, wellbeing
from tests.children.factories import CarePlanFactory, signed
from tests.factories import ChildFactory, HomeFactory, UserFactory, member
from tests.supervision.factories import make_training
from tests.tracker.factories import MeetingFactory, TrackerFactory
from tests.utils import count_queries, today
from tracker.overview import reviews_on_time

pytestmark = pytest.mark.django_db


def months_to_now(count: int = 3) -> list[datetime.date]:
    this = month_start(today())
    return [add_months(this, -offset) for offset in reversed(range(count))]


def test_places_filled_counts_children_placed_at_each_months_end(home):
    months = months_to_now()
    ChildFactory(home=home, admission_date=months[0] - datetime.timedelta(days=40))
    ChildFactory(
        home=home,
        admission_date=months[0] - datetime.timedelta(days=40),
        discharge_date=months[1] + datetime.timedelta(days=3),
    )
    ChildFactory(home=home, admission_date=months[2])
    assert places_filled([home], months)[home.pk] == [2, 1, 2]


def test_a_review_is_overdue_only_from_its_date_while_the_plan_is_in_force(child, manager):
    months = months_to_now()
    signed(
        CarePlanFactory(child=child, review_date=months[1] + datetime.timedelta(days=5)),
        when=timezone.now() - datetime.timedelta(days=100),
    )
    assert reviews_overdue([child.home], months)[child.home.pk] == [0, 1, 1]


def test_reviews_signed_by_the_20th_as_a_share_and_none_before_they_are_due(child, manager, assessor):
    months = months_to_now(3)
    on_time = TrackerFactory(child=child, month=months[0])
    signed_at = timezone.make_aware(datetime.datetime.combine(months[1].replace(day=10), datetime.time(12)))
    MeetingFactory(
        tracker=on_time,
        manager=manager,
        assessor=assessor,
        held_on=months[1].replace(day=10),
        manager_signed_at=signed_at,
        assessor_signed_at=signed_at,
    )
    other = ChildFactory(home=child.home)
    TrackerFactory(child=other, month=months[0])  # never met
    TrackerFactory(child=child, month=months[2])  # this month: not due yet
    assert reviews_on_time([child.home], months)[child.home.pk] == [50, None, None]


def test_a_review_signed_late_on_the_20th_is_on_time_and_just_after_midnight_late(child, manager, assessor):
    """Counted by the database since issue 14: the deadline is the end of the due day in the
    home's time zone (a British summer evening is the next day in UTC)."""
    from tracker.months import meeting_due_by

    months = months_to_now(4)[:2]
    due = meeting_due_by(months[0])
    for month, day, hour in (
        (months[0], due, 23),
        (months[1], meeting_due_by(months[1]) + datetime.timedelta(days=1), 0),
    ):
        signed_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))
        MeetingFactory(
            tracker=TrackerFactory(child=child, month=month),
            manager=manager,
            assessor=assessor,
            held_on=month.replace(day=28),
            manager_signed_at=signed_at,
            assessor_signed_at=signed_at,
        )
    assert reviews_on_time([child.home], months)[child.home.pk] == [100, 0]


def test_training_gaps_count_missing_and_expired_courses_of_staff_in_post(home, staff):
    from supervision.models import Course

    active = Course.objects.filter(active=True).count()
    months = months_to_now(1)
    assert training_gaps([home], months)[home.pk] == [active]
    make_training(staff, "Safeguarding children", today() - datetime.timedelta(days=10))
    assert training_gaps([home], months)[home.pk] == [active - 1]


def test_wellbeing_is_shown_only_where_five_or_more_people_checked_in(home):
    months = months_to_now(1)
    people = [member(home) for _ in range(5)]
    for person in people[:4]:
        WellbeingCheckIn.objects.create(person=person, home=home, score=4)
    assert wellbeing([home], months)[home.pk] == [None]
    WellbeingCheckIn.objects.create(person=people[4], home=home, score=2)
    assert wellbeing([home], months)[home.pk] == [3.6]


def test_a_sparkline_has_words_for_every_month_and_none_without_values():
    months = months_to_now(3)
    assert sparkline([(month, None) for month in months], title="Training gaps") is None
    spark = sparkline(list(zip(months, [3, None, 1], strict=True)), title="Training gaps")
    assert spark.words.startswith("Training gaps, ") and "none" in spark.words
    assert len(spark.points.split()) == 2


def test_a_sparklines_numbers_are_written_as_svg_needs_whatever_the_locale():
    """The SVG's coordinates are not localised (a decimal comma would break the line), and not
    run through the template's number formatting at all: forty homes' sparklines spent a third
    of the provider overview's rendering on it (issue 14)."""
    from django.template import Context, Template
    from django.utils import translation

    months = months_to_now(3)
    spark = sparkline(list(zip(months, [3, 1, 2.5], strict=True)), title="Training gaps <b>")
    with translation.override("de"):
        svg = Template("{{ spark.svg }}").render(Context({"spark": spark}))
    assert 'aria-label="Training gaps &lt;b&gt;, ' in svg  # the words escaped, the picture not
    assert 'cy="8.5"' in svg
    assert f'points="{spark.points}"' in svg


@pytest.mark.parametrize("role", list(User.ProviderRole.values[1:]))
def test_the_people_who_oversee_every_home_see_each_home_as_a_row(client, home, other_home, role):
    client.force_login(UserFactory(provider_role=role))
    page = client.get(reverse("provider_overview")).content.decode()
    assert "Willow House" in page and "Rowan Lodge" in page
    assert "Staff supervised on time" in page and "Plan reviews overdue" in page
    assert page.count('class="sparkline"') >= 2  # places filled, drawn for each home


def test_no_one_else_finds_the_page(client, manager, staff):
    for person in (manager, staff):
        client.force_login(person)
        assert client.get(reverse("provider_overview")).status_code == 404


def test_the_page_answers_get_only(client, administrator):
    client.force_login(administrator)
    assert client.post(reverse("provider_overview")).status_code == 405


def test_queries_do_not_grow_with_homes_or_children(client, administrator, home):
    ChildFactory(home=home)
    client.force_login(administrator)
    one = count_queries(client, reverse("provider_overview"))
    for _ in range(3):
        other = HomeFactory()
        member(other, Membership.Role.MANAGER)
        ChildFactory(home=other)
    assert count_queries(client, reverse("provider_overview")) == one


def test_safeguarding_columns_count_each_month(child, home, manager):
    from safeguarding.overview import incidents, interventions
    from tests.safeguarding.incident_factories import make_hold, make_incident, physical_intervention

    incident = make_incident(child, categories=[physical_intervention()])
    make_hold(incident, child)
    # The incident's month and the one before (two hours ago can be last month, just after midnight).
    happened = month_start(timezone.localdate(incident.occurred_at))
    months = [add_months(happened, -1), happened]
    assert incidents([home], months)[home.pk] == [0, 1]
    assert interventions([home], months)[home.pk] == [0, 1]


def test_notifications_still_to_send_at_each_months_end(home, child, manager):
    from safeguarding.overview import notifications_open
    from tests.safeguarding.notices_factories import make_notification

    months = months_to_now(1)
    make_notification(child, by=manager)
    assert notifications_open([home], months)[home.pk] == [1]
