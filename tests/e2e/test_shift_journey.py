"""Issue 11 on an iPad: a member of staff writes the end-of-shift log for a child (and is quietly
offered kinder words as they type), completes the shift's handover, and the next shift reads it.
The MAR's part of the combined journey is the health slice's."""

import datetime

import pytest
from django.utils import timezone

from shifts.models import DailyLog, Handover, HandoverRead, ShiftPattern
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shift_running_now(home) -> ShiftPattern:
    now = timezone.localtime()
    start = (now - datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0)
    end = (now + datetime.timedelta(hours=6)).time().replace(second=0, microsecond=0)
    return ShiftPattern.objects.create(home=home, name="Late", starts_at=start, ends_at=end)


def test_staff_write_the_log_and_hand_over_and_the_next_shift_reads_it(page, live_server, log_in, staff, deputy, child):
    shift = _shift_running_now(child.home)
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("link", name="Write the daily log").click()

    page.get_by_role("group", name="How regulated across the shift").get_by_text("3 · Unsettled").click()
    mood = page.get_by_label("Mood and regulation")
    mood.fill("Kicked off at tea when the phone call was cancelled; calmer after the trampoline.")
    # A quiet note, never a change to what was typed.
    page.get_by_text("Kinder words you could use").wait_for()
    assert page.get_by_text("“Kicked off” → “was having a hard time”", exact=False).is_visible()
    assert mood.input_value().startswith("Kicked off at tea")
    # The child's own words are theirs: no note under them.
    page.get_by_label("In Siobhán's words").fill("I kicked off because nobody rang me.")
    page.wait_for_timeout(500)
    assert page.locator("#id_child_words-language-note").count() == 0
    page.get_by_label("Anything to follow up").fill("Ask the social worker to rebook the call.")
    page.get_by_label("Flag the follow-up for the next shift").check()
    page.get_by_role("button", name="Sign and save").click()

    page.get_by_text("is signed and saved").wait_for()
    assert page.get_by_text(f"Signed by {staff.full_name}").is_visible()
    log = DailyLog.objects.get()
    assert (log.author, log.shift, log.regulation) == (staff, shift, 3)
    assert log.mood.startswith("Kicked off")  # nothing changed for them

    page.goto(f"{live_server.url}/homes/{child.home_id}/handovers/")
    page.get_by_role("button", name="Open the handover").click()
    page.get_by_text("Ask the social worker to rebook the call.").first.wait_for()
    page.get_by_label("What the next shift needs to know").fill("Quiet evening after tea. Car keys in the office.")
    page.get_by_role("button", name="Complete and sign the handover").click()
    page.get_by_text("the next shift can read it now").wait_for()
    assert Handover.objects.get().is_completed and HandoverRead.objects.count() == 0

    page.context.clear_cookies()
    log_in(deputy.email, PASSWORD)
    page.goto(f"{live_server.url}/homes/{child.home_id}/shifts/")
    assert page.get_by_text("not by you yet").is_visible()
    handed_over = Handover.objects.get()
    page.get_by_role("link", name=f"Late, {handed_over.shift_date:%a %-d %b}").click()
    assert page.get_by_text("Quiet evening after tea. Car keys in the office.").is_visible()
    page.get_by_role("button", name="I have read the handover").click()
    page.get_by_text("Marked as read").wait_for()
    assert page.get_by_role("region", name="Who has read it").get_by_text(deputy.full_name).is_visible()
    assert list(HandoverRead.objects.values_list("reader", flat=True)) == [deputy.pk]
