"""The home as a hub (issue 13, item 4): its sections as tabs on its page and on every section
page, the breadcrumb trail from the dashboard, and one name for each place."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from homes import extensions
from tests.factories import UserFactory
from tests.tracker.factories import LAST_MONTH, EvidencePackFactory

ALL_TABS = [
    "Children",
    "Monthly reviews",
    "Team regulation",
    "Evidence",
    "Before-shift sheet",
    "Medicines round",
    "Implementation",
]
# The tabs these tests know; other apps' tabs (safeguarding, the daily log...) are tested by them.
KNOWN_TABS = {*ALL_TABS, "Staff"}


class _Links(HTMLParser):
    """Links inside <nav> elements: tabs (text, href, aria-current) and breadcrumb items."""

    def __init__(self) -> None:
        super().__init__()
        self.navs: list[dict] = []
        self._nav_depth = 0
        self._link: dict | None = None
        self._current_item = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self._nav_depth += 1
            self.navs.append({"label": attrs.get("aria-label", ""), "links": [], "current": None})
        elif self._nav_depth and tag == "a":
            self._link = {"href": attrs.get("href"), "text": "", "current": attrs.get("aria-current")}
        elif self._nav_depth and tag == "li" and attrs.get("aria-current") == "page":
            self._current_item = True
            self.navs[-1]["current"] = ""

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav_depth -= 1
        elif tag == "a" and self._link is not None:
            self._link["text"] = " ".join(self._link["text"].split())
            self.navs[-1]["links"].append(self._link)
            self._link = None
        elif tag == "li":
            self._current_item = False

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data
        elif self._current_item:
            self.navs[-1]["current"] += data.strip()


def navs(page: str) -> dict[str, dict]:
    parser = _Links()
    parser.feed(page)
    return {nav["label"]: nav for nav in parser.navs}


def tabs(page: str, home) -> list[tuple[str, bool]]:
    nav = navs(page)[f"{home.name} sections"]
    return [(link["text"], link["current"] == "page") for link in nav["links"] if link["text"] in KNOWN_TABS]


def trail(page: str) -> list[str]:
    nav = navs(page)["Breadcrumb"]
    return [link["text"] for link in nav["links"]] + [nav["current"]]


def test_the_home_page_is_the_hub_with_the_sections_each_person_may_open(client_for, home, manager, staff):
    url = reverse("home_detail", args=[home.pk])
    assert tabs(client_for(manager).get(url).text, home) == [(t, t == "Children") for t in ALL_TABS]
    assert tabs(client_for(staff).get(url).text, home) == [
        ("Children", True),
        ("Before-shift sheet", False),
        ("Medicines round", False),
        ("Implementation", False),
    ]


@pytest.mark.parametrize(
    "url_name, args, current, expected_trail",
    [
        ("home_month", lambda h: [h.pk, LAST_MONTH], "Monthly reviews", ["Monthly reviews", f"{LAST_MONTH:%B %Y}"]),
        ("supervision_compliance", lambda h: [h.pk], "Team regulation", ["Team regulation"]),
        ("training_matrix", lambda h: [h.pk], "Team regulation", ["Team regulation", "Training"]),
        ("supervision_sessions", lambda h: [h.pk], "Team regulation", ["Team regulation", "Sessions"]),
        ("evidence_list", lambda h: [h.pk], "Evidence", ["Evidence"]),
        ("before_shift", lambda h: [h.pk], "Before-shift sheet", ["Before-shift sheet"]),
        ("medicines_round", lambda h: [h.pk], "Medicines round", ["Medicines round"]),
    ],
)
def test_each_section_page_shows_the_tab_bar_with_its_tab_current_and_the_trail(
    client_for, home, manager, url_name, args, current, expected_trail
):
    page = client_for(manager).get(reverse(url_name, args=args(home))).text
    assert tabs(page, home) == [(t, t == current) for t in ALL_TABS]
    assert trail(page) == ["Dashboard", "Willow House", *expected_trail]


def test_the_trail_of_an_evidence_pack(client_for, home, manager):
    pack = EvidencePackFactory(home=home)
    page = client_for(manager).get(reverse("evidence_detail", args=[pack.pk])).text
    period = f"{pack.period_start:%-d %b %Y} – {pack.period_end:%-d %b %Y}"
    assert trail(page) == ["Dashboard", "Willow House", "Evidence", period]
    crumbs = navs(page)["Breadcrumb"]["links"]
    assert [c["href"] for c in crumbs] == [
        reverse("dashboard"),
        reverse("home_detail", args=[home.pk]),
        reverse("evidence_list", args=[home.pk]),
    ]


def test_the_home_pages_trail_and_the_dashboards_absence_of_one(client_for, home, manager):
    assert trail(client_for(manager).get(reverse("home_detail", args=[home.pk])).text) == ["Dashboard", "Willow House"]
    assert "Breadcrumb" not in navs(client_for(manager).get(reverse("dashboard")).text)


def test_a_section_a_person_may_not_open_is_left_out_of_their_trail(client_for, home, staff):
    page = client_for(staff).get(reverse("supervision_sessions", args=[home.pk])).text
    assert trail(page) == ["Dashboard", "Willow House", "Sessions"]


def test_a_later_app_adds_its_own_tab(client_for, home, manager, staff, monkeypatch):
    """homes.extensions.register_home_section: incidents, the daily log, health... each add theirs."""
    monkeypatch.setattr(extensions, "home_sections", dict(extensions.home_sections))
    extensions.register_home_section(
        "Staff", "training_matrix", order=35, predicate=lambda user, home: user.pk == manager.pk
    )
    url = reverse("home_detail", args=[home.pk])
    labels = [label for label, _ in tabs(client_for(manager).get(url).text, home)]
    assert labels == [
        "Children",
        "Monthly reviews",
        "Team regulation",
        "Staff",
        "Evidence",
        "Before-shift sheet",
        "Medicines round",
        "Implementation",
    ]
    assert "Staff" not in [label for label, _ in tabs(client_for(staff).get(url).text, home)]


def test_the_same_link_text_always_goes_to_the_same_place(client_for, home, manager):
    """Across the navigation, tabs and trails of the dashboard, the home and its sections."""
    client = client_for(manager)
    pages = [
        reverse("dashboard"),
        reverse("home_detail", args=[home.pk]),
        reverse("home_month", args=[home.pk, LAST_MONTH]),
        reverse("supervision_compliance", args=[home.pk]),
        reverse("training_matrix", args=[home.pk]),
        reverse("evidence_list", args=[home.pk]),
        reverse("before_shift", args=[home.pk]),
        reverse("my_supervision"),
    ]
    places: dict[str, set[str]] = {}
    for url in pages:
        for nav in navs(client.get(url).text).values():
            for link in nav["links"]:
                places.setdefault(link["text"], set()).add(link["href"])
    assert {text: hrefs for text, hrefs in places.items() if len(hrefs) > 1} == {}
    assert places["Willow House"] == {reverse("home_detail", args=[home.pk])}
    assert places["Team regulation"] == {reverse("supervision_compliance", args=[home.pk])}


def test_the_navigation_says_who_is_logged_in_when_the_menu_is_collapsed(client_for, staff):
    page = client_for(staff).get(reverse("dashboard")).text
    assert (
        '<span class="navbar-text nav-person d-md-none ms-auto me-2"><span class="visually-hidden">Logged in as </span>'
        f"{staff.full_name}</span>"
    ) in page


def test_an_inspectors_navigation_leads_to_what_was_shared_not_to_supervision(client_for, staff):
    inspector_links = navs(client_for(UserFactory()).get(reverse("dashboard")).text)["Main"]["links"]
    staff_links = navs(client_for(staff).get(reverse("dashboard")).text)["Main"]["links"]
    assert "Evidence shared with you" in [link["text"] for link in inspector_links]
    assert "My supervision" not in [link["text"] for link in inspector_links]
    assert "My supervision" in [link["text"] for link in staff_links]


def test_a_childs_review_is_below_the_child_in_the_trail(client_for, home, manager, child):
    from tests.tracker.factories import TrackerFactory

    tracker = TrackerFactory(child=child)
    page = client_for(manager).get(reverse("tracker_detail", args=[tracker.pk])).text
    assert trail(page) == ["Dashboard", "Willow House", "Siobhán", f"{tracker.month:%B %Y}"]
    assert navs(page)["Breadcrumb"]["links"][2]["href"] == reverse("child_detail", args=[child.pk])
    form = client_for(manager).get(reverse("tracker_edit", args=[tracker.pk])).text
    assert trail(form) == ["Dashboard", "Willow House", "Siobhán", f"{tracker.month:%B %Y}", "The review"]


def test_a_supervision_session_is_below_the_homes_sessions_in_the_trail(client_for, home, manager, staff):
    from tests.supervision.factories import make_session

    session = make_session(home=home, supervisor=manager, attendees=[staff])
    held = f"{session.get_kind_display()} on {session.held_on:%-d %b %Y}"
    for person, expected in (
        (manager, ["Dashboard", "Willow House", "Team regulation", "Sessions", held]),
        (staff, ["Dashboard", "Willow House", "Sessions", held]),  # care staff do not open Team regulation
    ):
        page = client_for(person).get(reverse("supervision_session_detail", args=[session.pk])).text
        assert trail(page) == expected
