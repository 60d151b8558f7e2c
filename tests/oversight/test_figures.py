"""The provider overview's and implementation measures' figures (issue 14): counted from the
records every ten minutes by beat and stored, so the pages read one row per home, column and
month; a page counts a home's figures itself when they are missing or over half an hour old."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from homes.dates import add_months
from homes.extensions import HomeTrend, home_trends
from homes.models import Membership
from oversight.models import HomeMonthFigure
from oversight.overview import OVERVIEW_MONTHS, RECOUNT_AFTER, count_figures, overview_months, stored_figures
from oversight.tasks import count_home_figures
from tests.factories import ChildFactory, HomeFactory, member
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


def places_now(client, home) -> str:
    """The figure in the home's "Children in placement" cell."""
    page = client.get(reverse("provider_overview")).content.decode()
    row = page[page.index(f">{home.name}</a>") :]
    return re.search(r'data-trend="places"><span class="fw-semibold">([^<]*)<', row).group(1)


@pytest.fixture
def overseer(client, administrator):
    client.force_login(administrator)
    return client


def test_a_homes_figures_are_counted_when_the_page_first_opens_and_stored(overseer, home):
    ChildFactory(home=home)
    assert places_now(overseer, home) == "1"
    stored = HomeMonthFigure.objects.filter(home=home, trend="places")
    assert stored.count() == OVERVIEW_MONTHS
    assert stored.get(month=overview_months()[-1]).value == 1


def test_the_page_shows_the_stored_figures_not_the_records_read_again(overseer, home):
    ChildFactory(home=home)
    places_now(overseer, home)
    ChildFactory(home=home)  # admitted after the count: shown from the next count on
    assert places_now(overseer, home) == "1"
    count_home_figures()
    assert places_now(overseer, home) == "2"


def test_figures_older_than_half_an_hour_are_counted_again_by_the_page(overseer, home):
    ChildFactory(home=home)
    places_now(overseer, home)
    ChildFactory(home=home)
    HomeMonthFigure.objects.update(counted_at=timezone.now() - RECOUNT_AFTER - datetime.timedelta(minutes=1))
    assert places_now(overseer, home) == "2"
    assert not HomeMonthFigure.objects.filter(counted_at__lt=timezone.now() - RECOUNT_AFTER).exists()


def test_the_page_says_when_its_figures_were_counted(overseer, home):
    places_now(overseer, home)
    counted = timezone.localtime(timezone.now() - datetime.timedelta(minutes=7))
    HomeMonthFigure.objects.update(counted_at=counted)
    for url in (reverse("provider_overview"), reverse("implementation_measures")):
        page = overseer.get(url).content.decode()
        assert f"Counted from the records at {counted:%H:%M}</span> and again every ten minutes" in page


def test_beat_counts_every_home_in_every_column_of_both_pages_and_forgets_months_off_them(home, other_home):
    months = overview_months()
    gone = HomeMonthFigure.objects.create(
        home=home, trend="places", month=add_months(months[0], -1), value=3, counted_at=timezone.now()
    )
    assert count_home_figures() == 2 * len(home_trends) * OVERVIEW_MONTHS
    assert HomeMonthFigure.objects.count() == 2 * len(home_trends) * OVERVIEW_MONTHS
    assert set(HomeMonthFigure.objects.values_list("month", flat=True)) == set(months)
    assert not HomeMonthFigure.objects.filter(pk=gone.pk).exists()


def test_beat_counts_more_often_than_the_pages_count_again():
    entry = settings.CELERY_BEAT_SCHEDULE["count-home-figures"]
    assert entry["task"] == "oversight.tasks.count_home_figures"
    assert entry["schedule"].minute == set(range(0, 60, 10))
    assert datetime.timedelta(minutes=2 * 10) < RECOUNT_AFTER  # a missed run is not yet a recount


def test_a_home_a_column_counts_nothing_for_is_stored_blank_and_not_counted_again(home):
    asked = []

    def nothing(homes, months):
        asked.append(homes)
        return {}

    trend = HomeTrend(name="nothing", label="Nothing", series=nothing)
    months = overview_months()
    for _ in range(2):
        series, _ = stored_figures([home], [trend], months)
        assert series == {"nothing": {home.pk: [None] * len(months)}}
    assert len(asked) == 1
    assert list(HomeMonthFigure.objects.filter(trend="nothing").values_list("value", flat=True)) == [None] * len(months)


def test_a_count_replaces_what_was_stored(home):
    months = overview_months()
    trend = HomeTrend(name="count", label="Count", series=lambda homes, months: {home.pk: [1.0] * len(months)})
    count_figures([home], [trend], months)
    trend = HomeTrend(name="count", label="Count", series=lambda homes, months: {home.pk: [2.0] * len(months)})
    count_figures([home], [trend], months)
    assert list(HomeMonthFigure.objects.filter(trend="count").values_list("value", flat=True)) == [2.0] * len(months)


@pytest.mark.parametrize("page", ["provider_overview", "implementation_measures"])
def test_with_the_figures_stored_the_page_reads_them_in_queries_that_do_not_grow_with_homes(overseer, home, page):
    ChildFactory(home=home)
    overseer.get(reverse(page))
    one = count_queries(overseer, reverse(page))
    for _ in range(3):
        other = HomeFactory()
        member(other, Membership.Role.MANAGER)
        ChildFactory(home=other)
    count_home_figures()
    assert count_queries(overseer, reverse(page)) == one <= 8
