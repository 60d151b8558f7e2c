"""No page shows a script-injection payload unescaped, to any role.

Every name and free text a person can type holds a payload (tests/injection_world.py). For each
role the test logs in, crawls from the dashboard following every link on the site, and also
opens every URL of the URLconf (filled the way tests/test_cross_home.py fills them), so pages
added later are covered without editing this test. Each HTML page must hold no payload markup,
and no inline script, inline style or event-handler attribute (which the Content-Security-Policy
would refuse). Each payload must have been seen escaped somewhere, so the test cannot pass
because the fields were never shown.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from children import evidence as children_evidence
from safeguarding import missing_reports
from supervision.services import compliance
from tests.evidence_pack import build_pack
from tests.factories import ChildFactory
from tests.injection_world import ANY_RAW, ESCAPED, RAW, HostileWorld, build_hostile_world
from tests.test_cross_home import OBJECT_URLS
from tests.tracker.factories import LAST_MONTH
from tests.url_objects import URL_OBJECTS, World
from tracker.models import MonthlyTracker, ReviewReport
from tracker.pdf import render_report_html

ROLES = ["administrator", "clinical lead", "manager", "deputy", "care staff", "assessor", "inspector"]
MAX_PAGES_PER_ROLE = 300
# Each app's data tables (courses, prohibited measures, notification categories...) add admin pages.
MAX_ADMIN_PAGES_PER_ROLE = 160
# Pages of one view (say a home's month of reviews, which links to the month before, and so on
# back in time): a few show what the template does with the world's records.
MAX_PAGES_PER_VIEW = 4
MAX_ADMIN_PAGES_PER_VIEW = 12
# Views that send files (PDF, CSV, ZIP) or end the session: not pages to crawl.
SKIPPED_URL_NAMES = {
    "logout",
    "report_download",
    "evidence_download",
    "training_evidence",
    "document_download",
    "document_thumbnail",
    "supervision_compliance_csv",
    "supervision_compliance_pdf",
    "notification_pdf_download",
    "annex_a_download",
}
# Fields kept from the roles the crawl logs in as, or not shown on any page by design.
NOT_SHOWN: set[str] = set()


class PageScan(HTMLParser):
    """The page's links, and the inline script, style and handlers the CSP would refuse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.inline: list[str] = []
        self._in_script_without_src = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.inline.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}>")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "style":
            self.inline.append("<style> element")
        self._in_script_without_src = tag == "script" and not values.get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script_without_src and data.strip():
            self.inline.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script_without_src = False


def _url_names(patterns=None, namespace: str = "") -> list[str]:
    """Hearth's own views that take no URL keywords."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            found += _url_names(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif (
            isinstance(entry, URLPattern)
            and entry.lookup_str.split(".")[0] in settings.LOCAL_APPS
            and entry.name
            and not entry.pattern.converters
        ):
            found.append(f"{namespace}{entry.name}")
    return found


def _fill(world: HostileWorld, kwarg: str, spare: list) -> object:
    """A value for the keyword, from a child of the hostile home. The fillers start drafts and
    trackers, of which a child has one at a time: when a child has one, the next child is used."""
    for child in spare:
        try:
            with transaction.atomic():
                return URL_OBJECTS[kwarg](World(home=world.home, child=child))
        except IntegrityError:
            continue
    spare.append(ChildFactory(home=world.home, preferred_name=world.h("url-child.preferred")))
    return URL_OBJECTS[kwarg](World(home=world.home, child=spare[-1]))


def _every_url(world: HostileWorld) -> list[str]:
    """Every view of Hearth's URLconf, its keywords filled with records of the hostile home."""
    values: dict[str, object] = {}  # one record per keyword, shared by the URLs that name it
    spare = [ChildFactory(home=world.home, preferred_name=world.h("url-child.preferred"))]
    urls = [reverse(name) for name in _url_names()]
    for name, kwarg_names in OBJECT_URLS:
        for kwarg in kwarg_names:
            if kwarg not in values:
                values[kwarg] = _fill(world, kwarg, spare)
        urls.append(reverse(name, kwargs={kwarg: values[kwarg] for kwarg in kwarg_names}))
    return urls


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def _crawlable(url: str) -> str | None:
    """The same-site path (and query) to follow, or None."""
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path
    if not path.startswith("/") or path.startswith((f"/{settings.STATIC_URL.lstrip('/')}", "/media/")):
        return None
    if path.startswith("/admin/") and (parts.query or "logout" in path):
        return None  # the admin's sort and filter links multiply pages without new templates
    if _url_name(path) in SKIPPED_URL_NAMES:
        return None
    return f"{path}?{parts.query}" if parts.query else path


def _crawl(client, start_urls: list[str]) -> dict[str, str]:
    """url -> HTML of each page reached: breadth first from the dashboard, then the URLconf."""
    pages: dict[str, str] = {}
    queue = deque(["/"])
    seen = {"/"}
    extra = deque(url for url in start_urls if _crawlable(url))
    per_view: Counter[str | None] = Counter()
    while queue or extra:
        from_urlconf = not queue
        url = queue.popleft() if queue else extra.popleft()
        view = _url_name(urlsplit(url).path)
        if url in pages:
            continue
        # The URLconf's own list is opened whole; links found on pages are capped.
        # Admin pages have their own cap (below), so the site's pages cannot crowd them out, and
        # more of each table's rows: seeded rows (the course catalogue) sort before the world's.
        in_admin = url.startswith("/admin/")
        over_cap = len(pages) >= MAX_PAGES_PER_ROLE and not in_admin
        view_cap = MAX_ADMIN_PAGES_PER_VIEW if in_admin else MAX_PAGES_PER_VIEW
        if not from_urlconf and (per_view[view] >= view_cap or over_cap):
            continue
        if url.startswith("/admin/") and per_view["admin"] >= MAX_ADMIN_PAGES_PER_ROLE:
            continue
        per_view[view] += 1
        per_view["admin"] += url.startswith("/admin/")
        response = client.get(url)
        if response.status_code in {301, 302, 303, 307, 308}:
            target = _crawlable(urljoin(url, response["Location"]))
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        pages[url] = html
        scan = PageScan()
        scan.feed(html)
        for link in scan.links:
            target = _crawlable(urljoin(url, link))
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def _leaks(html: str) -> list[str]:
    tags = RAW.findall(html)
    if tags or ANY_RAW not in html:
        return tags
    return ["(untagged)"]


@pytest.mark.django_db
def test_no_role_sees_a_payload_unescaped_on_any_page(client_for):
    world = build_hostile_world()
    urls = _every_url(world)
    leaks, inline, shown, counts = [], [], set(), {}
    for role in ROLES:
        pages = _crawl(client_for(world.people[role]), urls)
        counts[role] = len(pages)
        for url, html in pages.items():
            leaks += [f"{role} {url}: [{tag}]" for tag in _leaks(html)]
            scan = PageScan()
            scan.feed(html)
            inline += [f"{role} {url}: {found}" for found in scan.inline]
            shown.update(ESCAPED.findall(html))
    assert not leaks, "Unescaped payloads:\n" + "\n".join(leaks)
    assert not inline, "Inline script, style or handlers the CSP refuses:\n" + "\n".join(sorted(set(inline)))
    # Not vacuous: every role reached pages, and every hostile field was shown (escaped) somewhere.
    assert all(count > 3 for count in counts.values()), counts
    never_shown = world.tags - shown - NOT_SHOWN
    assert not never_shown, f"These fields were never shown on a crawled page: {sorted(never_shown)}"


@pytest.mark.django_db
def test_no_pdf_shows_a_payload_unescaped(monkeypatch, settings, tmp_path):
    """The PDFs (review meeting packs and records, the evidence pack's plans and compliance
    summary) are HTML first: the same check, on the HTML WeasyPrint would be given."""
    settings.MEDIA_ROOT = tmp_path
    world = build_hostile_world()
    documents: list[str] = []

    def keep(html: str) -> bytes:
        documents.append(html)
        return b"%PDF-1.4 a stand-in"

    monkeypatch.setattr(children_evidence, "html_to_pdf", keep)
    monkeypatch.setattr(compliance, "html_to_pdf", keep)
    monkeypatch.setattr(missing_reports, "html_to_pdf", keep)
    tracker = MonthlyTracker.objects.get(child=world.child)
    for kind in ReviewReport.Kind.values:
        report = ReviewReport.objects.create(tracker=tracker, kind=kind)
        documents.append(render_report_html(report.pk))
    build_pack(home=world.home, user=world.people["manager"], start=LAST_MONTH, end=timezone.localdate())

    # two review PDFs, the plan and risk assessment, the summary, the missing log with body maps
    assert len(documents) == 2 + 2 + 1 + 1
    assert not [tag for html in documents for tag in _leaks(html)]
    shown = {tag for html in documents for tag in ESCAPED.findall(html)}
    assert {"child.preferred", "goal.title", "trigger.what", "tracker.voice", "meeting.decisions", "home.name"} <= shown
    assert {"missing.police-ref", "interview.changes", "body-mark.description", "body-mark.how"} <= shown
