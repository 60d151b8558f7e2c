"""Per-app stylesheets arrive in <head> (base.html's extra_head), never mid-page; the check-in's
scale is the shared .choice-buttons component (review finding 12)."""

import pytest
from django.urls import reverse

STYLESHEET = '<link rel="stylesheet"'


def assert_styles_in_head(page: str) -> None:
    head_ends = page.index("</head>")
    assert page.count(STYLESHEET) == page[:head_ends].count(STYLESHEET), "a stylesheet is linked in the body"


@pytest.mark.parametrize(
    ("url", "args"),
    [
        ("dashboard", []),
        ("my_supervision", []),
        ("wellbeing_checkin", []),
        ("supervision_compliance", ["home"]),
        ("training_matrix", ["home"]),
        ("supervision_sessions", ["home"]),
        ("supervision_arrangements", ["home"]),
    ],
)
def test_stylesheets_are_linked_in_the_head(client_for, manager, home, session, url, args):
    response = client_for(manager).get(reverse(url, args=[home.pk for _ in args]))
    assert response.status_code == 200
    assert_styles_in_head(response.text)


def test_the_dashboard_panel_needs_no_stylesheet_of_its_own(client_for, manager, session):
    page = client_for(manager).get(reverse("dashboard")).text
    assert "Supervision and training" in page and "css/supervision.css" not in page


def test_the_check_in_scale_is_the_shared_choice_buttons_grid(client_for, staff):
    page = client_for(staff).get(reverse("wellbeing_checkin")).text
    assert 'class="choice-buttons choice-buttons-5' in page
    assert "css/supervision.css" in page[: page.index("</head>")]


@pytest.mark.parametrize("url", ["assessment_list", "assessment_compare"])
def test_assessment_pages_link_their_stylesheet_in_the_head(client_for, manager, child, url):
    page = client_for(manager).get(reverse(url, args=[child.pk])).text
    assert_styles_in_head(page)
    assert "css/assessments.css" in page[: page.index("</head>")]
