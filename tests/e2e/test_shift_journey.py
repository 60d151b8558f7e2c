"""Issue 11, item 8, on an iPad: at 8 am a member of staff opens the medicines round from the
dashboard and gives the 8 am medicines for two children (one tap each, seeing each child's
allergies as they go), writes the end-of-shift log for one of them (quietly offered kinder words
as they type), completes the shift's handover, which tells of the medicines given, and the next
shift reads it."""

import datetime
import re
import time
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from health.models import Dose
from health.schedule import due_at
from homes.models import Membership
from shifts.models import DailyLog, Handover, HandoverRead, ShiftPattern
from tests.factories import PASSWORD, ChildFactory, member
from tests.health.factories import ConditionFactory, PrescriptionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_give_the_8am_medicines_write_the_log_and_hand_over_and_the_next_shift_reads_it(
    page, live_server, log_in, monkeypatch, home, staff, child
):
    # An earlier browser test's flush empties what the data migration loaded: the phrases.
    import_module("shifts.migrations.0002_seed_language_phrases").seed(apps, None)
    eight = due_at(timezone.localdate(), datetime.time(8, 0))
    started = time.monotonic()
    # 08:05 when the journey starts; the clock runs on from there, so each step is after the last.
    monkeypatch.setattr(
        timezone, "now", lambda: eight + datetime.timedelta(minutes=5, seconds=time.monotonic() - started)
    )
    shift = ShiftPattern.objects.create(home=home, name="Early", starts_at=datetime.time(7), ends_at=datetime.time(15))
    tyler = ChildFactory(home=home, preferred_name="Tyler", key_worker=staff)
    PrescriptionFactory(child=child, medicine="Sertraline", strength="50 mg", times="08:00")
    PrescriptionFactory(child=tyler, medicine="Montelukast", strength="5 mg", times="08:00, 20:00")
    ConditionFactory(child=tyler, name="Peanuts")
    next_shift = member(home, Membership.Role.CARE_STAFF, full_name="Sam Okoro")

    # The 8 am round.
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Medicines round").first.click()
    page.get_by_text("Allergies: Peanuts").wait_for()
    assert page.get_by_text("Due now").count() == 2
    page.get_by_role("button", name=re.compile(r"^Given\W+Sertraline 50 mg for Siobhán at 08:00")).click()
    page.get_by_text("Siobhán: Sertraline 50 mg 08:00 recorded as given.").wait_for()
    page.get_by_role("button", name=re.compile(r"^Given\W+Montelukast 5 mg for Tyler at 08:00")).click()
    page.get_by_text("Tyler: Montelukast 5 mg 08:00 recorded as given.").wait_for()
    assert page.get_by_text("Due now").count() == 0
    doses = Dose.objects.order_by("child__preferred_name")
    assert [(d.child.preferred_name, d.outcome, d.recorded_by, d.due_at) for d in doses] == [
        ("Siobhán", Dose.Outcome.GIVEN, staff, eight),
        ("Tyler", Dose.Outcome.GIVEN, staff, eight),
    ]

    # The end-of-shift log.
    page.goto(f"{live_server.url}/")
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

    # The handover, drafted from the shift's records.
    page.goto(f"{live_server.url}/homes/{home.pk}/handovers/")
    page.get_by_role("button", name="Open the handover").click()
    page.get_by_text("Ask the social worker to rebook the call.").first.wait_for()
    assert page.get_by_text("Tyler: Montelukast 5 mg 08:00 given").is_visible()
    page.get_by_label("What the next shift needs to know").fill("Quiet evening after tea. Car keys in the office.")
    page.get_by_role("button", name="Complete and sign the handover").click()
    page.get_by_text("the next shift can read it now").wait_for()
    assert Handover.objects.get().is_completed and HandoverRead.objects.count() == 0

    # The next shift reads it.
    page.context.clear_cookies()
    log_in(next_shift.email, PASSWORD)
    page.goto(f"{live_server.url}/homes/{home.pk}/shifts/")
    assert page.get_by_text("not by you yet").is_visible()
    handed_over = Handover.objects.get()
    page.get_by_role("link", name=f"Early, {handed_over.shift_date:%a %-d %b}").click()
    expect(page.get_by_text("Quiet evening after tea. Car keys in the office.")).to_be_visible()
    page.get_by_role("button", name="I have read the handover").click()
    page.get_by_text("Marked as read").wait_for()
    assert page.get_by_role("region", name="Who has read it").get_by_text(next_shift.full_name).is_visible()
    assert list(HandoverRead.objects.values_list("reader", flat=True)) == [next_shift.pk]
