"""Later apps plug panels into the child's page and the dashboard without `children` or
`homes` importing them."""

import datetime

import pytest
from django.urls import reverse

from children import extensions as child_ext
from children.brain import Band, Region
from homes import extensions as home_ext


@pytest.fixture
def panel_template(settings, tmp_path):
    (tmp_path / "panel.html").write_text("<p>Panel says {{ panel.word }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    return "panel.html"


@pytest.fixture
def clean_registries(monkeypatch):
    monkeypatch.setattr(child_ext, "child_panels", {})
    monkeypatch.setattr(home_ext, "dashboard_panels", {})


def test_a_registered_child_panel_shows_for_whom_it_returns_a_context(
    clean_registries, panel_template, client_for, manager, staff, child
):
    child_ext.register_child_panel(
        child_ext.ChildPanel(
            name="test",
            template=panel_template,
            context=lambda user, c: {"word": f"hello {c.preferred_name}"} if user == manager else None,
        )
    )
    url = reverse("child_detail", args=[child.pk])
    assert "Panel says hello Siobhán" in client_for(manager).get(url).text
    assert "Panel says" not in client_for(staff).get(url).text


def test_a_registered_dashboard_panel_gets_the_persons_homes(clean_registries, panel_template, client_for, manager):
    home_ext.register_dashboard_panel(
        home_ext.DashboardPanel(
            name="test", template=panel_template, context=lambda user, homes: {"word": ",".join(h.name for h in homes)}
        )
    )
    assert "Panel says Willow House" in client_for(manager).get(reverse("dashboard")).text


def test_region_bands_are_none_until_an_app_provides_them(monkeypatch, child):
    monkeypatch.setattr(child_ext, "_region_bands", [])
    assert child_ext.latest_region_bands(child) is None


def test_focus_areas_are_empty_until_an_app_provides_them(monkeypatch, child):
    monkeypatch.setattr(child_ext, "_focus_areas", [])
    assert child_ext.focus_areas_for(child) == []
    area = child_ext.FocusArea(region=Region.BRAINSTEM, item_code="S1", label="Settles to sleep", band=Band.SIGNIFICANT)
    child_ext.register_focus_areas(lambda c: [area])
    assert child_ext.focus_areas_for(child) == [area]


def test_every_panel_has_its_own_place_in_a_sensible_order():
    """Orders are distinct across apps, so the layout never depends on the order apps load in:
    the child's overview shows the plan, then the daily care, and the brain map and the monthly
    reviews have tabs of their own; the dashboard starts with what is overdue."""
    child_page = sorted(child_ext.child_panels.values(), key=lambda panel: panel.order)
    dashboard = sorted(home_ext.dashboard_panels.values(), key=lambda panel: panel.order)
    assert [(panel.name, panel.section) for panel in child_page] == [
        ("moving-on", "overview"),  # a child who has left: their moving-on pack comes first
        ("assessments", "brain-map"),
        ("care_plan", "overview"),
        ("daily_work", "overview"),
        ("memory-box", "overview"),
        ("monthly-reviews", "reviews"),
        ("incidents", "incidents"),
        ("incident-triggers", "incidents"),
    ]
    assert [panel.name for panel in dashboard] == [
        "visits",  # the independent visitor's visits and reports: nobody else has any
        "missing_from_care",
        "medicines_due",
        "notifications-due",
        "overdue_plan_reviews",
        "plans_to_sign_off",
        "overdue-reviews",
        "assessments_due",
        "incidents-to-countersign",
        "key_working_due",
        "missing-to-close",
        "my-supervision",
        "supervision-compliance",
        "health_assessments_due",
        "shared-evidence",
    ]
    for panels in (child_page, dashboard):
        assert len({panel.order for panel in panels}) == len(panels)


def test_panels_depend_on_selectors_not_views():
    import inspect

    from children import panels

    for module in (panels.care_plan, panels.daily_work):
        assert "children.views" not in inspect.getsource(module), module.__name__


def test_a_registered_month_section_shows_in_the_monthly_tracker(
    monkeypatch, panel_template, tmp_path, client_for, manager, child
):
    from tests.tracker.factories import TrackerFactory
    from tracker.prefill import month_summary

    (tmp_path / "month.html").write_text("<p>Section says {{ data.word }}</p>")
    monkeypatch.setattr(child_ext, "month_sections", {})
    child_ext.register_month_section(
        child_ext.MonthSection(
            name="test",
            label="Things from elsewhere",
            template="month.html",
            context=lambda c, month: {"word": f"{c.preferred_name} in {month:%B}"},
        )
    )
    child_ext.register_month_section(
        child_ext.MonthSection(name="empty", label="Nothing here", template=panel_template, context=lambda c, m: None)
    )
    tracker = TrackerFactory(child=child, month=datetime.date(2026, 3, 1))
    assert [section.name for section, _ in month_summary(tracker.child, tracker.month).sections] == ["test"]
    page = client_for(manager).get(reverse("tracker_detail", args=[tracker.pk])).text
    assert "Things from elsewhere" in page and "Section says Siobhán in March" in page
    assert "Nothing here" not in page
