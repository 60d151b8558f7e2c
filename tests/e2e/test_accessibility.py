"""Accessibility as a test (issue 13, items 1 and 8): axe-core in Chromium over every page each
role reaches, reflow at 320 px, and the iPad's tables and chart labels.

The crawl starts from each role's dashboard and follows same-origin links breadth-first (GET
only), so a page added later is covered as soon as something links to it. Every role's pages are
opened (each must answer, keep the CSP and draw chart labels large enough); axe checks each kind
of page once, for the first role to reach it, the roles who see the most controls first (a run
of axe takes about a second, and the roles share templates: axe on every role's copy of each
page doubled the suite's longest test). axe-core comes from
axe-playwright-python (bundled, nothing is downloaded at run time) and is injected with
Playwright's `evaluate`, which runs through the DevTools protocol rather than as a page script:
the strict Content-Security-Policy stays on, and the `page` fixture still fails on any CSP
violation, so the crawl checks the CSP on every page it visits as well.
"""

import time
from collections import Counter, deque
from importlib import import_module
from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve, reverse

from homes.demo import DEMO_PASSWORD
from tests.e2e.conftest import IPAD_PORTRAIT
from tests.utils import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]}
FAILING_IMPACTS = {"serious", "critical"}

# One login per role, from the seeded demo (homes/demo.py and each app's demo.py).
ROLES = {
    "manager": "manager@hearth.example",
    "administrator": "admin@hearth.example",
    "clinical lead": "clinical.lead@hearth.example",
    "deputy": "deputy@hearth.example",
    "care staff": "staff@hearth.example",
    "assessor": "assessor@hearth.example",
    "inspector": "inspector@hearth.example",
    "independent visitor": "visitor@hearth.example",
}
PAGES_PER_PATTERN = 1  # one child's page per role tells as much as twenty; it keeps the crawl fast
# Not crawled: files (PDFs, ZIPs, CSV), the Django admin beyond its index (Django's own pages),
# and the login and second-factor pages (the login page is checked once, on the way in, below;
# `log_in` passes the second factor).
SKIPPED_VIEW_WORDS = ("download", "pdf", "csv", "zip", "export", "logout")
SKIPPED_PREFIXES = ("/static/", "/media/", "/accounts/login/", "/accounts/second-factor/")


@pytest.fixture
def demo_world(db):
    """The demo provider: two homes, children with a year of history, one login per role and an
    inspector with Willow House's evidence pack shared (about 20 s on SQLite). The course
    catalogue comes from a data migration, which an earlier transactional test's flush empties:
    it is put back first, or the training matrix would have no columns and nothing expired."""
    from django.apps import apps

    import_module("supervision.migrations.0002_seed_course_catalogue").add_courses(apps, None)
    seed_demo()


def crawl_key(path: str) -> str | None:
    """The URL pattern a path belongs to (pages are sampled per pattern), or None when the path
    is not to be crawled."""
    if path.startswith(SKIPPED_PREFIXES) or (path.startswith("/admin/") and path != "/admin/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if any(word in match.view_name for word in SKIPPED_VIEW_WORDS):
        return None
    return match.view_name


def same_origin_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    links = []
    for href in hrefs:
        url = urldefrag(href).url
        if url.startswith(origin + "/"):
            links.append(url)
    return links


def serious_violations(axe: Axe, page, where: str) -> list[dict]:
    results = axe.run(page, options=AXE_OPTIONS).response
    return [
        {"where": where, "rule": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


# Item 8: each chart label's rendered size, on the page as laid out (the crawl runs at iPad
# portrait width): the font size in the SVG's user units times the scale its viewBox is drawn at.
CHART_LABEL_SIZES = """() => [...document.querySelectorAll("svg text")]
  .filter((text) => text.textContent.trim() && text.getClientRects().length)
  .map((text) => {
    const m = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
    return {text: text.textContent.trim(), size: Math.round(size * 10) / 10};
  })"""
MIN_CHART_LABEL_PX = 12


def small_chart_labels(page, where: str, seen: list) -> list[dict]:
    sizes = page.evaluate(CHART_LABEL_SIZES)
    seen += sizes
    small = [f"{s['text']!r} {s['size']}px" for s in sizes if s["size"] < MIN_CHART_LABEL_PX]
    return [{"where": where, "rule": "chart-label-under-12px", "impact": "serious", "targets": small}] if small else []


def crawl(page, origin: str, role: str, axe: Axe, labels: list, axed: set) -> tuple[list[dict], int]:
    """Breadth-first from the dashboard; returns the serious and critical violations (and chart
    labels under 12 px) and the number of pages checked. Axe runs on the kinds of page not in
    `axed` (and adds them)."""
    queue = deque([origin + "/"])
    queued = {origin + "/"}
    per_pattern: Counter = Counter()
    found, checked = [], 0
    while queue:
        url = queue.popleft()
        key = crawl_key(urlsplit(url).path)
        if key is None or per_pattern[key] >= PAGES_PER_PATTERN:
            continue
        per_pattern[key] += 1
        response = page.goto(url)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        assert response.status < 500, f"{role}: {url} answered {response.status}"
        checked += 1
        where = f"{role} {url.removeprefix(origin)}"
        if key not in axed:
            axed.add(key)
            found += serious_violations(axe, page, where)
        found += small_chart_labels(page, where, labels)
        for link in same_origin_links(page, origin):
            if link not in queued:
                queued.add(link)
                queue.append(link)
    return found, checked


def describe(violations: list[dict]) -> str:
    lines = [
        f"{v['where']}: {v['rule']} ({v['impact']}) at {', '.join(map(str, v['targets'][:6]))}" for v in violations
    ]
    counts = Counter(v["rule"] for v in violations)
    return "\n".join([*lines, "", "by rule: " + ", ".join(f"{rule} {n}" for rule, n in counts.most_common())])


def test_no_serious_or_critical_violation_on_any_page_any_role_reaches(
    page, live_server, log_in, demo_world, nav_count_cached
):
    axe = Axe()
    origin = live_server.url
    found, checked, labels, axed, started = [], 0, [], set(), time.monotonic()
    for role, email in ROLES.items():
        page.context.clear_cookies()
        page.goto(f"{origin}/accounts/login/")
        if not axed:  # the login page, once
            found += serious_violations(axe, page, "anonymous /accounts/login/")
        log_in(email, DEMO_PASSWORD)
        role_found, role_checked = crawl(page, origin, role, axe, labels, axed)
        found += role_found
        checked += role_checked
        print(f"{role}: {role_checked} pages")
    elapsed = time.monotonic() - started
    print(f"\naxe crawl: {checked} pages for {len(ROLES)} roles, {len(axed)} kinds through axe, in {elapsed:.0f} s")
    assert checked > 7 * 3, "the crawl reached too few pages to mean anything"
    assert len(labels) > 100, "the crawl met too few charts to prove their labels' size"
    assert not found, f"{len(found)} serious or critical axe violations:\n" + describe(found)


# --- Reflow at 320 px (WCAG 1.4.10) and the tables on an iPad (item 8) -------------------------

# What pokes out to the right, for the failure message.
WIDEST_ELEMENTS = """() => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter((el) => !el.closest(".table-responsive") || el.classList.contains("table-responsive"))
  .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`)"""

# Each table wrapper: whether it scrolls and, if it does, what makes it usable.
TABLE_WRAPPERS = """() => [...document.querySelectorAll(".table-responsive")].map((wrapper) => ({
  scrolls: wrapper.scrollWidth > wrapper.clientWidth,
  role: wrapper.getAttribute("role"),
  tabindex: wrapper.getAttribute("tabindex"),
  label: wrapper.getAttribute("aria-label"),
  cue: getComputedStyle(wrapper, "::before").content,
}))"""


def test_pages_reflow_at_320_px_and_wide_tables_scroll_by_keyboard_on_an_ipad(page, live_server, log_in, demo_world):
    from assessments.models import Assessment
    from children.models import Child

    child = Child.objects.get(preferred_name="Siobhán")
    assessment = Assessment.objects.filter(child=child, finalised_at__isnull=False).latest("assessed_on")
    home = child.home_id
    reflowing = [("child_detail", child.pk), ("assessment_detail", assessment.pk), ("activity_log", child.pk)]
    tables = [("training_matrix", home), ("activity_log", child.pk), ("supervision_compliance", home)]
    tables.append(("supervision_sessions", home))
    log_in("manager@hearth.example", DEMO_PASSWORD)

    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for name, pk in reflowing + tables:
        page.goto(live_server.url + reverse(name, args=[pk]))
        scroll_width, client_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            wide[name] = (scroll_width, client_width, page.evaluate(WIDEST_ELEMENTS))
    assert not wide, f"pages scroll sideways at 320 px: {wide}"

    page.set_viewport_size(IPAD_PORTRAIT)
    scrolling = []
    for name, pk in tables:
        page.goto(live_server.url + reverse(name, args=[pk]))
        if name == "training_matrix":
            assert page.locator("table.training-matrix tbody tr").first.get_attribute("class") == "has-expired"
        for wrapper in page.evaluate(TABLE_WRAPPERS):
            if wrapper["scrolls"]:
                scrolling.append(name)
                assert (wrapper["role"], wrapper["tabindex"]) == ("region", "0"), (name, wrapper)
                assert wrapper["label"].endswith("(scrolls sideways)") and "Scroll sideways" in wrapper["cue"]
    assert scrolling, "no table scrolled at 810 px: the keyboard check below proves nothing"

    page.goto(live_server.url + reverse(scrolling[0], args=[dict(tables)[scrolling[0]]]))
    region = page.locator(".table-responsive[role=region]").first
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("wrapper => wrapper.scrollLeft > 0", arg=region.element_handle())  # scrolls smoothly
