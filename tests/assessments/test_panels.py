"""What the assessments app publishes: region bands and focus areas for the plan, the child's
page panel, the dashboard panel of assessments due, and chronology entries."""

import datetime
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentPolicy
from assessments.selectors import add_months, due_date
from assessments.services import assessment as services
from children import extensions as child_ext
from children.brain import Band, Region
from tests.assessments.factories import make_assessment
from tests.factories import ChildFactory
from tests.utils import count_queries, today

# A 12-year-old's expectations (band 11–14 years) on the default instrument: S1 4, S2 4, ...
WORRYING = {"S4": 0, "S1": 2, "R3": 0, "L2": 1, "C3": 0}


def scores(**overrides) -> dict[str, int]:
    from assessments.models import Item

    values = dict.fromkeys(Item.objects.filter(instrument__version="1").values_list("code", flat=True), 4)
    values.update(overrides)
    return values


def test_region_bands_come_from_the_latest_final_assessment(instrument, child, assessor):
    assert child_ext.latest_region_bands(child) is None
    make_assessment(child, assessor, scores=scores(**dict.fromkeys(["S1", "S2", "S3", "S4", "S5"], 1)), final=True)
    make_assessment(child, assessor, scores=0)  # a later draft does not count
    bands = child_ext.latest_region_bands(child)
    assert bands[Region.BRAINSTEM] == Band.MODERATE  # (5 x 1 + 3 x 4) / 32 = 53%
    assert bands[Region.CORTEX] == Band.TYPICAL


def test_focus_areas_are_items_well_below_age_bottom_up_then_worst_first(instrument, child, assessor):
    assert child_ext.focus_areas_for(child) == []
    make_assessment(child, assessor, scores=scores(**WORRYING), final=True)
    areas = child_ext.focus_areas_for(child)
    # S1 2/4 is moderate; S4 0/4 significant; R3 significant; L2 1/4 significant; C3 0/3 significant.
    assert [(a.item_code, a.band) for a in areas] == [
        ("S4", Band.SIGNIFICANT),
        ("S1", Band.MODERATE),
        ("R3", Band.SIGNIFICANT),
        ("L2", Band.SIGNIFICANT),
        ("C3", Band.SIGNIFICANT),
    ]
    assert areas[0].label == "Calm body at rest" and areas[0].region == Region.BRAINSTEM


def test_a_corrected_assessment_no_longer_counts(instrument, child, assessor):
    original = make_assessment(child, assessor, scores=scores(**WORRYING), final=True)
    correction = services.assessment_correct(assessment=original, assessor=assessor, reason="Wrong child")
    services.assessment_save_draft(assessment=correction, scores={i.pk: 4 for i in instrument.items.all()})
    services.assessment_finalise(assessment=correction)
    assert child_ext.focus_areas_for(child) == []


def test_the_brain_map_tab_shows_the_map_change_due_date_and_focus_areas(client_for, staff, child, assessor):
    make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=100))
    make_assessment(
        child, assessor, scores=scores(**WORRYING), final=True, assessed_on=today() - datetime.timedelta(days=10)
    )
    page = client_for(staff).get(reverse("child_brain_map", args=[child.pk])).text
    assert 'id="panel-assessments"' in page
    assert page.count('class="brain-map"') == 2
    assert "Change since" in page and "▲ Improved" in page
    assert "Calm body at rest" in page.split('id="focus-areas"')[1]
    due = add_months(today() - datetime.timedelta(days=10), 6)
    assert f"Next assessment due {due:%-d %B %Y}" in page


def test_the_brain_map_tab_runs_constant_queries_however_many_assessments(client_for, staff, child, assessor):
    client = client_for(staff)
    target = reverse("child_brain_map", args=[child.pk])
    make_assessment(child, assessor, scores=1, final=True, assessed_on=today() - datetime.timedelta(days=100))
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=50))
    few = count_queries(client, target)
    for days in (90, 80, 70, 60):
        make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=days))
    assert count_queries(client, target) == few


def test_due_dates():
    child = SimpleNamespace(admission_date=datetime.date(2026, 1, 10))
    assert due_date(child, None, 6) == datetime.date(2026, 2, 21)  # six weeks after admission
    assert due_date(child, datetime.date(2026, 3, 15), 6) == datetime.date(2026, 9, 15)
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_the_dashboard_lists_overdue_and_soon_due_children(client_for, manager, home, child, assessor):
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=200))
    fresh = ChildFactory(home=home, preferred_name="Kacper")
    make_assessment(fresh, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=20))
    soon = ChildFactory(home=home, preferred_name="Mei")
    make_assessment(
        soon, assessor, scores=2, final=True, assessed_on=add_months(today(), -6) + datetime.timedelta(days=10)
    )
    page = client_for(manager).get(reverse("dashboard")).text
    panel = page.split('id="panel-assessments_due"')[1].split("</section>")[0]
    assert "Siobhán" in panel and "overdue" in panel
    assert "Mei" in panel
    assert "Kacper" not in panel
    assert reverse("assessment_policy_edit", args=[home.pk]) in panel  # the manager sets the interval


def test_provider_wide_dashboards_count_assessments_due_per_home(
    client_for, home, other_home, child, assessor, clinical_lead
):
    """Issue 14: every child of forty homes listed; people who see every home get counts per
    home, and still the children they assess themselves by name."""
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=200))
    ChildFactory(home=other_home, preferred_name="Kacper")  # never assessed
    mine = ChildFactory(home=other_home, preferred_name="Mei", assessor=clinical_lead)
    page = client_for(clinical_lead).get(reverse("dashboard")).text
    panel = page.split('id="panel-assessments_due"')[1].split("</section>")[0]
    assert reverse("home_detail", args=[home.pk]) in panel and reverse("home_detail", args=[other_home.pk]) in panel
    assert "Siobhán" not in panel and "Kacper" not in panel
    assert "Mei" in panel and reverse("assessment_list", args=[mine.pk]) in panel
    assert '<span class="badge text-bg-danger">1</span>' in panel  # Siobhán, overdue at Willow House


def test_the_homes_interval_decides_when_a_child_is_due(client_for, manager, home, child, assessor):
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=100))
    dashboard = reverse("dashboard")
    assert 'id="panel-assessments_due"' not in client_for(manager).get(dashboard).text
    AssessmentPolicy.objects.create(home=home, interval_months=3)
    assert 'id="panel-assessments_due"' in client_for(manager).get(dashboard).text


def test_the_dashboard_panel_runs_constant_queries(client_for, manager, home, other_home, assessor, administrator):
    client = client_for(administrator)
    ChildFactory(home=home)
    few = count_queries(client, reverse("dashboard"))
    for target in (home, other_home, other_home):
        make_assessment(
            ChildFactory(home=target),
            assessor,
            scores=2,
            final=True,
            assessed_on=today() - datetime.timedelta(days=300),
        )
    AssessmentPolicy.objects.create(home=other_home, interval_months=4)
    assert count_queries(client, reverse("dashboard")) == few


def test_the_dashboard_shows_only_the_persons_children(client_for, other_manager, child, assessor):
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=300))
    assert "Siobhán" not in client_for(other_manager).get(reverse("dashboard")).text


def test_chronology_entries_for_final_assessments(instrument, child, assessor):
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=100))
    make_assessment(child, assessor, scores=2, final=True, assessed_on=today() - datetime.timedelta(days=10))
    make_assessment(child, assessor, scores=2)  # drafts are not in the timeline
    source = child_ext.chronology_sources["assessment"]
    with CaptureQueriesContext(connection) as queries:
        entries = list(source.entries(child, today() - datetime.timedelta(days=50), None))
    assert len(queries) == 1
    assert [e.kind for e in entries] == ["assessment"]
    assert entries[0].when.date() == today() - datetime.timedelta(days=10) and entries[0].when.tzinfo
    assert entries[0].author == str(assessor)
    everything = list(source.entries(child, None, None))
    assert [e.when.date() for e in everything] == [
        today() - datetime.timedelta(days=d) for d in (10, 100)
    ]  # newest first


def test_an_assessor_sees_assigned_children_of_other_homes_as_due(client_for, other_home, child, assessor):
    from homes.models import Membership
    from tests.factories import member

    visiting = member(other_home, Membership.Role.ASSESSOR)
    child.assessor = visiting
    child.save(update_fields=["assessor"])
    page = client_for(visiting).get(reverse("dashboard")).text
    panel = page.split('id="panel-assessments_due"')[1].split("</section>")[0]
    assert "Siobhán" in panel and "Not yet assessed" in panel


def test_the_admin_shows_instruments_read_only(client_for, administrator, instrument):
    administrator.is_superuser = True
    administrator.save(update_fields=["is_superuser"])
    client = client_for(administrator)
    assert client.get(reverse("admin:assessments_instrument_change", args=[instrument.pk])).status_code == 200
    assert client.get(reverse("admin:assessments_instrument_add")).status_code == 403


def test_a_homes_assessment_policy_or_the_default(home):
    assert AssessmentPolicy.for_home(home).pk is None
    assert AssessmentPolicy.for_home(home).interval_months == 6
    AssessmentPolicy.objects.create(home=home, interval_months=3)
    assert AssessmentPolicy.for_home(home).interval_months == 3


def test_the_childs_page_links_every_stylesheet_in_the_head(client_for, manager, child):
    page = client_for(manager).get(reverse("child_brain_map", args=[child.pk])).text
    assert "Brain map" in page
    head_ends = page.index("</head>")
    assert page.count('<link rel="stylesheet"') == page[:head_ends].count('<link rel="stylesheet"')
