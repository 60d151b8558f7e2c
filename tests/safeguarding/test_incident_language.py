"""The trauma-informed language check on incident records (issue 11, item 5): the incident, hold
and countersigning forms opt in to the quiet note (the child's words opt out), and staff's own
words in incidents and holds count in the home's monthly share."""

import datetime

from django.urls import reverse
from django.utils import timezone

from homes.dates import add_months, month_start
from shifts.measure import month_share
from tests.safeguarding.incident_factories import make_hold, make_incident, manager_of, physical_intervention


def _opts_in(page: str) -> bool:
    return "data-language-check>" in page or "data-language-check " in page


def test_the_incident_forms_opt_in_and_the_childs_words_opt_out(client_for, child, staff):
    page = client_for(staff).get(reverse("incident_record", args=[child.pk])).text
    assert _opts_in(page)
    assert 'data-language-check="off"' in page and 'name="child_view"' in page
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    assert _opts_in(client_for(staff).get(reverse("intervention_record", args=[incident.pk])).text)
    make_hold(incident, child)
    boss = client_for(manager_of(child.home))
    assert _opts_in(boss.get(reverse("incident_countersign", args=[incident.pk])).text)


def test_the_share_counts_incident_accounts_and_holds_but_never_the_childs_view(home, child, staff):
    first = add_months(month_start(timezone.localdate()), -1)  # last month: whole, whatever today is
    when = timezone.make_aware(datetime.datetime.combine(first, datetime.time(16, 0)))
    calm = make_incident(child, author=staff, occurred_at=when, child_view="I kicked off because he absconded")
    make_incident(child, author=staff, occurred_at=when, what_happened="She kicked off at tea.")
    assert (month_share(home, first).entries, month_share(home, first).flagged) == (2, 1)
    make_hold(calm, child, reason="Attention seeking, then ran at the window.")
    share = month_share(home, first)
    assert (share.entries, share.flagged) == (3, 2)
