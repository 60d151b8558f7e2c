"""Incidents where people work: the dashboard, tasks, the chronology, the monthly tracker's month
section, the evidence pack's log and the child's triggers panel."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from children.extensions import chronology_sources, month_sections
from homes.extensions import task_sources
from safeguarding import incident_evidence, incident_panels
from tests.children.factories import KeyWorkingSessionFactory, RiskAssessmentFactory, TriggerFactory, signed
from tests.factories import ChildFactory, member
from tests.safeguarding.incident_factories import allegation, make_hold, make_incident, physical_intervention
from tests.utils import count_queries, today


def test_the_manager_sees_incidents_waiting_with_their_clock(client_for, child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    page = client_for(manager).get(reverse("dashboard"))
    assert "Incidents to countersign" in page.text
    assert reverse("incident_detail", args=[incident.pk]) in page.text
    assert "Physical intervention recorded" in page.text


def test_care_staff_get_no_countersigning_panel(client_for, child, staff):
    make_incident(child, author=staff)
    assert "Incidents to countersign" not in client_for(staff).get(reverse("dashboard")).text


def test_the_dashboard_runs_the_same_queries_however_many_incidents_wait(client_for, child, staff, manager):
    make_incident(child, author=staff)
    one = count_queries(client_for(manager), reverse("dashboard"))
    for _ in range(3):
        incident = make_incident(child, author=staff, categories=[physical_intervention()])
        make_hold(incident, child)
    assert count_queries(client_for(manager), reverse("dashboard")) == one


def test_tasks_to_countersign_for_managers_and_to_ask_the_child_for_the_author(child, staff, manager):
    source = task_sources["incidents"]
    make_incident(child, author=staff, categories=[physical_intervention()])
    make_incident(child, author=staff, child_view="", child_view_not_yet="Asleep", child_view_follow_up_on=today())
    horizon = today() + datetime.timedelta(days=14)
    manager_tasks = list(source.tasks(manager, today(), horizon))
    kinds = sorted(task.kind for task in manager_tasks)
    assert kinds == ["Countersign an incident"]  # the PI one waits for its hold (below), then shows
    staff_tasks = {task.kind: task for task in source.tasks(staff, today(), horizon)}
    assert staff_tasks["Record the physical intervention"].about == child.preferred_name
    assert staff_tasks["Ask for the child's view of an incident"].due == today()
    assert "Countersign an incident" not in staff_tasks


def test_a_recorded_hold_becomes_a_countersigning_task_with_the_48_hour_due_date(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    hold = make_hold(incident, child)
    found = list(task_sources["incidents"].tasks(manager, today(), today() + datetime.timedelta(days=14)))
    assert [task.kind for task in found] == ["Countersign a physical intervention"]
    assert found[0].due == timezone.localdate(hold.review_due)


def test_the_chronology_shows_the_childs_part_and_leaves_out_allegations(child, staff, manager):
    make_incident(child, author=staff, location="Garden")
    make_incident(child, author=manager, categories=[allegation()], allegation_against=[staff], location="Office")
    source = chronology_sources["incident"]
    entries = list(source.entries(child, None, None))
    assert [entry.title for entry in entries] == ["Incident: Garden"]
    assert source.count_between(child, None, None) == 1


def test_the_month_section_lists_the_months_incidents_and_hold_minutes(child, staff):
    from tests.tracker.factories import LAST_MONTH

    occurred = timezone.make_aware(datetime.datetime.combine(LAST_MONTH, datetime.time(18, 0)))
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=occurred)
    make_hold(incident, child, minutes=6)
    section = month_sections["incidents"]
    data = section.context(child, LAST_MONTH)
    assert [part.incident_id for part in data["parts"]] == [incident.pk]
    assert data["hold_minutes"] == 6
    assert [count for _, count in data["counts"]][-1] == 1 and len(data["counts"]) == 6
    quiet = ChildFactory(home=child.home)
    assert section.context(quiet, LAST_MONTH) is None


def test_the_evidence_log_lists_incidents_and_holds_without_accounts(child, staff, manager):
    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    make_hold(incident, child, minutes=9)
    log = incident_evidence.incident_log(child.home, today() - datetime.timedelta(days=30), today())
    rows = list(csv.reader(io.StringIO(incident_evidence.log_csv(log).decode("utf-8-sig"))))
    flat = "\n".join(",".join(row) for row in rows)
    assert child.preferred_name in flat and "Physical intervention" in flat
    assert "9" in [cell for row in rows for cell in row]
    assert "Threw a mug" not in flat  # the child's account stays in their record
    assert log.hold_minutes == 9 and log.children_held == 1


def test_the_evidence_log_neutralises_formulas(child, staff):
    make_incident(child, author=staff, location='=HYPERLINK("http://x")')
    log = incident_evidence.incident_log(child.home, today() - datetime.timedelta(days=3), today())
    assert "'=HYPERLINK" in incident_evidence.log_csv(log).decode("utf-8-sig")


def test_the_triggers_panel_counts_incidents_per_trigger_and_sits_beside_key_working(client_for, child, staff, manager):
    assessment = signed(RiskAssessmentFactory(child=child))
    loud = TriggerFactory(assessment=assessment, what="Loud voices")
    TriggerFactory(assessment=assessment, what="Bedtime")
    just_now = timezone.now() - datetime.timedelta(minutes=1)  # this month, whatever the time of day
    make_incident(child, author=staff, antecedents=[loud], occurred_at=just_now)
    make_incident(
        child, author=staff, antecedents=[loud], new_antecedent="A text from her brother", occurred_at=just_now
    )
    KeyWorkingSessionFactory(
        child=child, staff_member=staff, regulation_before=2, regulation_after=4, happened_at=just_now
    )
    data = incident_panels.child_triggers_context(manager, child)
    assert [(trigger.what, count) for trigger, count in data["rows"]] == [("Loud voices", 2), ("Bedtime", 0)]
    assert data["new"] == [("A text from her brother", 1)]
    this_month = data["monthly"][-1]
    assert this_month["incidents"] == 2 and this_month["sessions"] == 1 and this_month["before"] == 2.0
    page = client_for(manager).get(reverse("child_incidents", args=[child.pk]))
    assert "Incidents per trigger" in page.text and "Loud voices" in page.text


def test_a_trigger_carried_into_a_new_version_keeps_its_count(child, staff, manager):
    first = signed(RiskAssessmentFactory(child=child))
    old = TriggerFactory(assessment=first, what="Loud voices")
    make_incident(child, author=staff, antecedents=[old])
    second = signed(RiskAssessmentFactory(child=child))
    TriggerFactory(assessment=second, what="Loud voices")
    data = incident_panels.child_triggers_context(manager, child)
    assert [(trigger.what, count) for trigger, count in data["rows"]] == [("Loud voices", 1)]


def test_the_triggers_panel_does_not_count_an_allegation_for_people_who_may_not_read_it(child, staff, manager):
    loud = TriggerFactory(assessment=signed(RiskAssessmentFactory(child=child)), what="Loud voices")
    other = member(child.home)
    make_incident(child, author=manager, categories=[allegation()], allegation_against=[other], antecedents=[loud])
    assert incident_panels.child_triggers_context(staff, child)["rows"][0][1] == 0
    assert incident_panels.child_triggers_context(manager, child)["rows"][0][1] == 1


def test_the_handover_lists_the_shifts_incidents_holds_first_without_allegations(child, staff, manager):
    from homes.extensions import handover_sections

    start = timezone.now() - datetime.timedelta(hours=12)
    make_incident(child, author=staff, location="Garden", occurred_at=timezone.now() - datetime.timedelta(hours=5))
    held = make_incident(child, author=staff, categories=[physical_intervention()], location="Hall")
    make_hold(held, child)
    make_incident(child, author=manager, categories=[allegation()], allegation_against=[staff], location="Office")
    items = handover_sections["incidents"].items(child.home, start, timezone.now())
    assert [item.attention for item in items] == [True, False]
    assert "Hall" in items[0].text and "Garden" in items[1].text
    assert all("Office" not in item.text for item in items)


def test_the_language_check_reads_staff_words_not_the_childs_view(child, staff):
    from homes.extensions import written_records

    make_incident(child, author=staff, child_view="MY OWN WORDS")
    texts = [
        text
        for _, text in written_records["incidents"].texts(child.home, today() - datetime.timedelta(days=1), today())
    ]
    assert len(texts) == 1 and "Threw a mug" in texts[0] and "MY OWN WORDS" not in texts[0]


def test_other_apps_prompt_from_the_incident_page(client_for, child, staff, manager):
    from safeguarding import incident_prompts

    incident = make_incident(child, author=staff, categories=[physical_intervention()])
    incident_prompts.register_incident_prompt(
        "test", lambda user, shown: incident_prompts.IncidentPrompt("Consider notifying Ofsted", "/x/", "Notify")
    )
    try:
        page = client_for(manager).get(reverse("incident_detail", args=[incident.pk]))
    finally:
        incident_prompts.incident_prompts.pop("test")
    assert "Consider notifying Ofsted" in page.text


def test_the_monthly_tracker_page_shows_the_months_incidents_with_no_inline_style(client_for, child, staff, manager):
    from tests.tracker.factories import LAST_MONTH, TrackerFactory

    occurred = timezone.make_aware(datetime.datetime.combine(LAST_MONTH, datetime.time(18, 0)))
    incident = make_incident(child, author=staff, categories=[physical_intervention()], occurred_at=occurred)
    make_hold(incident, child, minutes=3)
    tracker = TrackerFactory(child=child)
    page = client_for(manager).get(reverse("tracker_detail", args=[tracker.pk]))
    assert page.status_code == 200
    assert "Incidents and physical interventions" in page.text and "3 minutes in all" in page.text
    assert " style=" not in page.text
