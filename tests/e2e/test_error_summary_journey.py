"""An invalid form in Chromium (issue 13, item 5): focus lands on the error summary, the title
says "Error: ", what was typed is kept, and each link in the summary focuses its field."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page) -> dict:
    return page.evaluate(
        "() => ({id: document.activeElement.id, summary: document.activeElement.hasAttribute('data-error-summary')})"
    )


def test_the_error_summary_takes_focus_and_its_links_focus_the_fields(page, live_server, log_in, staff, child):
    log_in(staff.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('key_working_add', args=[child.pk])}")
    page.get_by_label("Topic").fill("Feeling homesick")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign and save").click()

    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    summary.wait_for()
    page.wait_for_function("() => document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Error: ")
    assert page.get_by_label("Topic").input_value() == "Feeling homesick"

    summary.get_by_role("link", name="Enter what Siobhán said").click()
    assert _focused(page) == {"id": "id_child_voice", "summary": False}
    assert page.get_by_label("In Siobhán's words").get_attribute("aria-describedby").split()[-1] == (
        "id_child_voice_error"
    )

    summary.get_by_role("link", name="Choose how regulated Siobhán seemed before the session").click()
    assert _focused(page) == {"id": "id_regulation_before_0", "summary": False}
    group = page.get_by_role("group", name="How regulated before")
    assert "Error: Choose how regulated Siobhán seemed before the session" in group.inner_text().replace("\n", " ")
