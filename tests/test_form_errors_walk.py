"""Every form page answers an empty submit the GOV.UK way (issue 13, item 5).

The test walks the URLconf (keywords filled as tests/test_cross_home.py fills them), so form pages
added later are covered without editing it. Each URL is sent an empty POST by people who may
write there (the home's manager, deputy, care staff, assessor, an administrator, the clinical
lead), the first whose page comes back with errors counting. Every page that comes back with
errors must have: an error summary ("There is a problem", role="alert") whose links go to
elements of the page; "Error: " at the start of its title; on every invalid field (or its
group's fieldset) an aria-describedby naming its message; and no message of Django's own.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from homes.models import Membership, User
from homes.templatetags.form_errors import problems
from tests.factories import ChildFactory, UserFactory, member
from tests.test_cross_home import OBJECT_URLS
from tests.test_injection_crawl import _url_names
from tests.url_objects import URL_OBJECTS, World

# Django's defaults, which say nothing of what to do.
DJANGO_DEFAULTS = (
    "This field is required",
    "Enter a valid date",
    "Enter a valid date/time",
    "Select a valid choice",
    "Enter a whole number",
    "Enter a valid email address",
    "Enter a list of values",
    "No file was submitted",
)
# Views that end the session: posting to them would log the walk out.
SKIPPED = {"logout"}
# Form pages the walk must reach with errors, so it cannot pass by reaching none.
MUST_REACH = {
    "child_admit",
    "child_edit",
    "child_discharge",
    "key_working_add",
    "body_map_add",
    "missing_add",
    "activity_log",
    "provision_arrangement_add",
    "care_plan_edit",
    "risk_assessment_edit",
    "assessment_new",
    "history_edit",
    "adverse_experience_add",
    "supervision_record",
    "supervision_arrangements",
    "training_add",
    "wellbeing_checkin",
    "tracker_edit",
    "meeting_edit",
    "evidence_list",
    "password_change",
    "daily_log_add",
    "shift_pattern",
    "handover_list",
    "handover_flag_add",
    "incident_record",
    "intervention_record",
    "incident_countersign",
    "consequence_add",
    "consequence_follow_up",
    "complaint_add",
    "complaint_handle",
    "notification_add",
    "notification_edit",
    "notification_recipient_add",
    "notification_recipient_sent",
    "document_add",
    "memory_box_add",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None"
    text: list[str] = field(default_factory=list)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Page(HTMLParser):
    """The page's elements, with their parents and the text inside them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data) -> None:
        for element in self._open:
            element.text.append(data)

    def by_id(self, id_: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == id_), None)

    def text_of(self, element: Element) -> str:
        return " ".join("".join(element.text).split())


def _every_url(home) -> list[tuple[str, str]]:
    """(url name, url) for every view, keywords filled with records of `home` (a child has one
    draft or tracker at a time, so a filler that clashes takes the next child)."""
    children = [ChildFactory(home=home, preferred_name="Seun")]
    values: dict[str, object] = {}

    def fill(kwarg: str) -> object:
        for child in children:
            try:
                with transaction.atomic():
                    return URL_OBJECTS[kwarg](World(home=home, child=child))
            except IntegrityError:
                continue
        children.append(ChildFactory(home=home, preferred_name="Seun"))
        return URL_OBJECTS[kwarg](World(home=home, child=children[-1]))

    urls = [(name, reverse(name)) for name in _url_names() if name not in SKIPPED]
    for name, kwarg_names in OBJECT_URLS:
        for kwarg in kwarg_names:
            if kwarg not in values:
                values[kwarg] = fill(kwarg)
        urls.append((name, reverse(name, kwargs={kwarg: values[kwarg] for kwarg in kwarg_names})))
    return urls


def _writers(home) -> list[User]:
    return [
        member(home, Membership.Role.MANAGER),
        member(home, Membership.Role.DEPUTY_MANAGER),
        member(home, Membership.Role.CARE_STAFF),
        member(home, Membership.Role.ASSESSOR),
        UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True),
        UserFactory(provider_role=User.ProviderRole.CLINICAL_LEAD),
    ]


def _page_errors(response) -> bool:
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return False
    context_values = [value for context in (response.context or []) for value in context.flatten().values()]
    return bool(problems(*context_values)) or "is-invalid" in response.content.decode()


def _failures(page: Page, html: str) -> list[str]:
    """What is missing from the GOV.UK pattern on a page sent back with errors."""
    failures = []
    title = next((page.text_of(e) for e in page.elements if e.tag == "title"), "")
    if not title.startswith("Error: "):
        failures.append(f"title {title!r} does not start 'Error: '")
    summary = next((e for e in page.elements if "data-error-summary" in e.attrs), None)
    if summary is None:
        return [*failures, "no error summary"]
    if summary.attrs.get("role") != "alert" or summary.attrs.get("tabindex") != "-1":
        failures.append("the summary needs role=alert and tabindex=-1")
    if "There is a problem" not in page.text_of(summary):
        failures.append("the summary does not say 'There is a problem'")
    links = [e for e in page.elements if e.tag == "a" and summary in e.ancestors()]
    if not links and "<li>" not in html:
        failures.append("the summary lists no problem")
    for link in links:
        target = page.by_id(link.attrs.get("href", "").removeprefix("#"))
        if target is None:
            failures.append(f"summary link {link.attrs.get('href')} goes to no element of the page")
            continue
        if target.tag in ("input", "select", "textarea", "button") and target.attrs.get("type") != "submit":
            holders = [target, *(a for a in target.ancestors() if a.tag == "fieldset")]
            described = [i for h in holders for i in h.attrs.get("aria-describedby", "").split()]
            messages = [page.by_id(i) for i in described]
            if not any(m is not None and "field-error" in m.attrs.get("class", "") for m in messages):
                failures.append(f"#{target.attrs['id']} (or its fieldset) has no aria-describedby naming its message")
    for element in page.elements:
        if element.attrs.get("aria-invalid") == "true":
            holders = [element, *(a for a in element.ancestors() if a.tag == "fieldset")]
            named = [page.by_id(i) for h in holders for i in h.attrs.get("aria-describedby", "").split()]
            if not any(m is not None and "field-error" in m.attrs.get("class", "") for m in named):
                failures.append(f"invalid #{element.attrs.get('id')} names no message in aria-describedby")
    failures += [f"Django's default message {text!r}" for text in DJANGO_DEFAULTS if text in html]
    return failures


def test_every_form_page_answers_an_empty_submit_the_gov_uk_way(client_for, home):
    writers = _writers(home)
    clients = {}
    reached: dict[str, list[str]] = {}
    for name, url in _every_url(home):
        for writer in writers:
            client = clients.setdefault(writer.pk, client_for(writer))
            response = client.post(url, {})
            if _page_errors(response):
                html = response.content.decode()
                reached[name] = _failures(Page(html), html)
                break
    missed = MUST_REACH - set(reached)
    assert not missed, f"the walk did not reach these form pages with errors: {sorted(missed)}"
    failing = {name: failures for name, failures in reached.items() if failures}
    assert not failing, "\n".join(f"{name}: {'; '.join(f)}" for name, f in failing.items())


@pytest.mark.parametrize(
    "label,expected",
    [("Date of birth", "date of birth"), ("NHS number", "NHS number"), ("In Seun's words", "in Seun's words")],
)
def test_labels_read_inside_a_sentence(label, expected):
    from homes.form_errors import label_in_sentence

    assert label_in_sentence(label) == expected
