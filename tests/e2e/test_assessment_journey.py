import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Assessment
from assessments.services.instrument import load_default_instrument
from homes.models import Membership
from tests.factories import PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 32 scores typed as digits, bottom-up: sensory, self-regulation, relational, cognitive.
TYPED = "43344434" + "22213232" + "32122231" + "44343434"


def _wait_for_the_entry_script(page) -> None:
    # Locator assertions, not wait_for_function: that compiles its predicate with eval, which the
    # Content-Security-Policy rightly refuses.
    expect(page.locator("#entry-count")).not_to_have_text("")


@pytest.fixture
def assessor_in_home(home):
    load_default_instrument()  # transactional tests flush the data migration's rows
    return member(home, Membership.Role.ASSESSOR, full_name="Dr Ada Mensah")


def test_an_assessor_scores_with_the_keyboard_checks_finalises_and_sees_the_brain_map(
    page, live_server, log_in, assessor_in_home, child
):
    log_in(assessor_in_home.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('child_detail', args=[child.pk])}")
    page.get_by_role("link", name="Start an assessment").click()  # the action on the child's page
    page.get_by_role("button", name="Start entering scores").click()
    _wait_for_the_entry_script(page)
    page.locator("#score-S1-0").focus()
    for digit in TYPED:
        page.keyboard.press(digit)
    assert page.locator("#entry-count").inner_text() == "32 of 32 scored"
    # The last item hands over to "Check and finalise": Enter opens the check page, nothing is final yet.
    assert page.evaluate("document.activeElement.name") == "check"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assessment = Assessment.objects.get()
    page.wait_for_url(f"{live_server.url}{reverse('assessment_check', args=[assessment.pk])}")
    assert Assessment.objects.get().status == Assessment.Status.DRAFT
    expect(page.get_by_role("heading", name="Every item is scored")).to_be_visible()
    assert page.locator("svg.brain-map").first.locator("g.cell").count() == 32
    page.get_by_role("button", name="Finalise").click()

    page.get_by_text("is final").wait_for()
    assessment = Assessment.objects.get()
    assert assessment.status == Assessment.Status.FINAL
    assert (
        "".join(str(v) for v in assessment.scores.order_by("item__position").values_list("value", flat=True)) == TYPED
    )
    assert page.locator("svg.brain-map").count() == 2
    assert page.locator("svg.brain-map").first.locator("g.cell").count() == 32

    page.goto(f"{live_server.url}{reverse('child_detail', args=[child.pk])}")
    page.get_by_role("link", name="Brain map", exact=True).click()  # the child's brain-map tab
    # Locator assertions wait for the tab's page; a plain count() can read the page still leaving.
    expect(page.locator("#panel-assessments svg.brain-map")).to_have_count(2)
    expect(page.locator("#focus-areas li").first).to_be_visible()


def test_nothing_typed_is_lost_when_the_session_ends(page, live_server, log_in, assessor_in_home, child):
    log_in(assessor_in_home.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('assessment_new', args=[child.pk])}")
    page.get_by_role("button", name="Start entering scores").click()
    _wait_for_the_entry_script(page)
    page.locator("#score-S1-0").focus()
    for digit in "432":
        page.keyboard.press(digit)
    page.get_by_text("Draft saved").wait_for()  # the autosave, not a button press
    assessment = Assessment.objects.get()

    assert assessment.scores.count() == 3
    page.context.clear_cookies()  # the session times out
    for digit in "11":
        page.keyboard.press(digit)
    page.get_by_text("Your session has ended").wait_for(timeout=15_000)
    assert assessment.scores.count() == 3

    page.get_by_role("link", name="log in again").click()
    page.wait_for_url("**/accounts/login/**")
    # The password and the second factor, then back to the assessment.
    log_in(assessor_in_home.email, PASSWORD, lands_on=reverse("assessment_entry", args=[assessment.pk]))
    _wait_for_the_entry_script(page)
    page.get_by_text("We restored what you typed on").wait_for()  # drafts.js, as on every form
    expect(page.locator("#entry-saved")).to_contain_text("Draft saved")
    assert dict(assessment.scores.values_list("item__code", "value")) == {"S1": 4, "S2": 3, "S3": 2, "S4": 1, "S5": 1}
    page.goto("about:blank")  # no autosave in flight while the database is flushed


def _let_the_scroll_settle(page) -> None:
    """Bootstrap scrolls smoothly: measure where the page comes to rest, not mid-way."""
    where = None
    while where != (where := page.evaluate("window.scrollY")):
        page.wait_for_timeout(120)


def test_the_sticky_bar_never_hides_the_item_tabbed_to(page, live_server, log_in, assessor_in_home, child):
    """WCAG 2.4.11 at iPad portrait: Tab from item to item down the whole page; each focused
    score's button is clear of the sticky "Save draft / Check and finalise" bar."""
    log_in(assessor_in_home.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('assessment_new', args=[child.pk])}")
    page.get_by_role("button", name="Start entering scores").click()
    _wait_for_the_entry_script(page)
    page.locator("#score-S1-0").focus()
    bar = page.locator(".entry-status")
    seen = []
    for _ in range(32):
        _let_the_scroll_settle(page)
        focused = page.evaluate("document.activeElement.id")
        seen.append(focused)
        label = page.locator(f"label[for='{focused}']").bounding_box()
        top_of_bar = bar.bounding_box()["y"]
        assert label["y"] >= 0, f"{focused} is above the screen"
        assert label["y"] + label["height"] <= top_of_bar, f"{focused} is under the sticky bar"
        page.keyboard.press("Tab")
    assert seen[0] == "score-S1-0" and seen[-1] == "score-C8-0"
    page.goto("about:blank")  # no autosave in flight while the database is flushed
