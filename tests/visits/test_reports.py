"""The visitor's monthly report (signed = fixed), the manager's response to each recommendation
tracked to done, and the task list (fixed time)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from homes.extensions import tasks_for
from homes.models import Membership
from tests.factories import ChildFactory, member
from tests.utils import count_queries
from tests.visits.factories import past_visit, signed_report, visitor_for
from visits import services, wiring
from visits.models import Recommendation, VisitChild, VisitReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(home):
    return visitor_for(home)


def kinds(user, today):
    return [(task.kind, task.about, task.due) for task in tasks_for(user, today)]


def test_the_visitor_writes_adds_recommendations_and_signs(client_for, home, child, staff, visitor):
    visit = services.visit_open(visitor=visitor, home=home)
    VisitChild.objects.create(visit=visit, child=child, spoke_with=True)
    client = client_for(visitor)
    data = {
        "staff_spoken_with": [staff.pk],
        "others_spoken_with": "Siobhán's social worker, by phone",
        "looked_at": "Daily logs and the incident log",
        "safeguarded": "yes",
        "safeguarded_notes": "Staff knew each child's plan.",
        "wellbeing_promoted": "partly",
        "wellbeing_notes": "The garden is not yet usable.",
    }
    response = client.post(reverse("visit_report_edit", args=[visit.pk]), data)
    report = VisitReport.objects.get(visit=visit)
    assert response.url == reverse("visit_report_detail", args=[report.pk])
    assert list(report.staff_spoken_with.all()) == [staff]
    client.post(reverse("recommendation_add", args=[report.pk]), {"text": "Make the garden usable by spring"})
    client.post(reverse("recommendation_add", args=[report.pk]), {"text": "Book PACE training for two staff"})
    assert report.recommendations.count() == 2
    page = client.get(reverse("visit_report_detail", args=[report.pk])).content.decode()
    assert "Siobhán" in page and staff.full_name in page and "Make the garden usable" in page
    client.post(reverse("visit_report_sign", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_signed and report.signed_by == visitor
    # Signed, it is fixed: the form leads back to it, and every change is refused.
    assert client.get(reverse("visit_report_edit", args=[visit.pk])).status_code == 302
    assert client.post(reverse("recommendation_add", args=[report.pk]), {"text": "More"}).status_code == 403
    first = report.recommendations.first()
    assert client.post(reverse("recommendation_edit", args=[first.pk]), {"text": "Changed"}).status_code == 403
    assert client.post(reverse("visit_report_sign", args=[report.pk])).status_code == 403
    with pytest.raises(ValidationError, match="signed"):
        services.visit_report_save(visit=visit, staff_spoken_with=[], looked_at="changed")
    with pytest.raises(ValidationError, match="signed"):
        services.recommendation_add(report=report, text="late")
    assert report.recommendations.count() == 2


def test_signing_needs_both_judgements(home, visitor):
    report = services.visit_report_save(visit=past_visit(home, visitor), staff_spoken_with=[], looked_at="Logs")
    with pytest.raises(ValidationError, match="safeguarded"):
        services.visit_report_sign(report=report, user=visitor)


def test_a_draft_is_the_visitors_alone(client_for, home, manager, staff, visitor):
    report = services.visit_report_save(visit=past_visit(home, visitor), staff_spoken_with=[], looked_at="Logs")
    for person in (manager, staff):
        assert client_for(person).get(reverse("visit_report_detail", args=[report.pk])).status_code == 404


def test_the_manager_responds_and_the_owner_marks_it_done(client_for, home, manager, staff, visitor):
    report = signed_report(home, visitor)
    recommendation = report.recommendations.get()
    client = client_for(manager)
    assert client.get(reverse("visit_report_detail", args=[report.pk])).status_code == 200
    due = timezone.localdate() + datetime.timedelta(days=20)
    response = client.post(
        reverse("recommendation_respond", args=[recommendation.pk]),
        {"action": "Book Jess and Sam onto PACE", "owner": staff.pk, "due_on": due.isoformat(), "revision": 1},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.owner, recommendation.due_on, recommendation.responded_by) == (staff, due, manager)
    assert (wiring.ACTION_TASK, home.name, due) in kinds(staff, due)
    client_for(staff).post(reverse("recommendation_done", args=[recommendation.pk]))
    recommendation.refresh_from_db()
    assert recommendation.done_on == timezone.localdate()
    assert wiring.ACTION_TASK not in [kind for kind, _, _ in kinds(staff, due)]


def test_who_may_respond_or_mark_done(client_for, home, manager, staff, assessor, other_manager, visitor):
    report = signed_report(home, visitor)
    recommendation = report.recommendations.get()
    respond = reverse("recommendation_respond", args=[recommendation.pk])
    done = reverse("recommendation_done", args=[recommendation.pk])
    for person in (staff, assessor, visitor):
        assert client_for(person).get(respond).status_code == 403
    assert client_for(other_manager).get(respond).status_code == 404
    assert client_for(other_manager).post(done).status_code == 404
    assert client_for(manager).get(done).status_code == 405
    assert client_for(manager).get(reverse("visit_report_sign", args=[report.pk])).status_code == 405
    # Before a response, nothing can be done.
    with pytest.raises(ValidationError, match="before marking it done"):
        services.recommendation_done(recommendation=recommendation)


def test_the_owner_must_work_at_the_home(home, other_manager, manager, visitor):
    recommendation = signed_report(home, visitor).recommendations.get()
    with pytest.raises(ValidationError):
        services.recommendation_respond(
            revision=None,
            recommendation=recommendation,
            user=manager,
            action="x",
            owner=other_manager,
            due_on=timezone.localdate(),
        )


def test_the_sending_dates_are_recorded_after_signing(client_for, home, manager, visitor):
    report = signed_report(home, visitor)
    today = timezone.localdate()
    client = client_for(visitor)
    response = client.post(
        reverse("visit_report_sent", args=[report.pk]),
        {"sent_to_ofsted_on": today.isoformat(), "sent_to_placing_authorities_on": ""},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.sent_to_ofsted_on == today and report.sent_to_placing_authorities_on is None
    with pytest.raises(ValidationError, match="cannot have been sent before"):
        services.visit_report_record_sent(
            report=report, ofsted_on=today - datetime.timedelta(days=30), placing_authorities_on=None
        )
    assert client_for(manager).get(reverse("visit_report_sent", args=[report.pk])).status_code == 200
    assert client_for(member(home)).get(reverse("visit_report_sent", args=[report.pk])).status_code == 403


def test_the_visitors_tasks_with_a_fixed_day(home, visitor):
    day = datetime.date(2026, 11, 10)
    visit = past_visit(home, visitor)
    visit.visit_date = datetime.date(2026, 11, 3)
    visit.save()
    found = kinds(visitor, day)
    assert (wiring.REPORT_TASK, home.name, datetime.date(2026, 11, 30)) in found
    # This month's visit is made: no visit task; next month, one is due by its end.
    assert wiring.VISIT_TASK not in [kind for kind, _, _ in found]
    assert (wiring.VISIT_TASK, home.name, datetime.date(2026, 12, 31)) in kinds(visitor, datetime.date(2026, 12, 20))
    services.visit_report_save(
        visit=visit, staff_spoken_with=[], looked_at="Logs", safeguarded="yes", wellbeing_promoted="yes"
    )
    services.visit_report_sign(report=visit.report, user=visitor)
    assert wiring.REPORT_TASK not in [kind for kind, _, _ in kinds(visitor, day)]


def test_the_managers_tasks_overdue_first(home, manager, staff, visitor):
    report = signed_report(home, visitor, recommendations=["First", "Second"])
    respond_by = timezone.localdate(report.signed_at) + datetime.timedelta(days=services.RESPONSE_DAYS)
    assert (wiring.RESPOND_TASK, home.name, respond_by) in kinds(manager, respond_by)
    first, second = report.recommendations.all()
    today = timezone.localdate()
    for recommendation, due in (
        (first, today + datetime.timedelta(days=5)),
        (second, today - datetime.timedelta(days=2)),
    ):
        services.recommendation_respond(
            revision=None, recommendation=recommendation, user=manager, action="Do it", owner=staff, due_on=due
        )
    tasks = [task for task in tasks_for(manager, today) if task.kind == wiring.ACTION_TASK]
    assert [task.due for task in tasks] == [today - datetime.timedelta(days=2), today + datetime.timedelta(days=5)]
    assert tasks[0].is_overdue(today) and not tasks[1].is_overdue(today)
    assert wiring.RESPOND_TASK not in [task.kind for task in tasks_for(manager, respond_by)]
    # Staff who own nothing see none of it.
    assert not [task for task in tasks_for(member(home), today) if task.kind == wiring.ACTION_TASK]


def test_no_recommendation_is_added_or_changed_once_signed(home, visitor):
    """The page was opened before signing (the report in hand is unsigned): still refused."""
    report = services.visit_report_save(
        visit=past_visit(home, visitor),
        staff_spoken_with=[],
        looked_at="Logs",
        safeguarded="yes",
        wellbeing_promoted="yes",
    )
    recommendation = services.recommendation_add(report=report, text="Mend the garden fence")
    services.visit_report_sign(report=VisitReport.objects.get(pk=report.pk), user=visitor)
    assert not report.is_signed and not recommendation.report.is_signed
    with pytest.raises(ValidationError, match="signed"):
        services.recommendation_add(report=report, text="Added after signing")
    with pytest.raises(ValidationError, match="signed"):
        services.recommendation_edit(recommendation=recommendation, text="Changed after signing")
    assert list(Recommendation.objects.filter(report=report).values_list("text", flat=True)) == [
        "Mend the garden fence"
    ]


def test_a_report_with_no_recommendations_waits_for_no_response(home, manager, visitor):
    report = signed_report(home, visitor, recommendations=())
    due = services.response_due(report)
    assert respond_dues(manager, due) == []
    answered = signed_report(home, visitor, days_ago=5, recommendations=["One"])
    assert respond_dues(manager, due) == [services.response_due(answered)]
    services.recommendation_respond(
        revision=None,
        recommendation=answered.recommendations.get(),
        user=manager,
        action="Do it",
        owner=manager,
        due_on=due,
    )
    assert respond_dues(manager, due) == []


def respond_dues(user, today):
    return [task.due for task in tasks_for(user, today) if task.kind == wiring.RESPOND_TASK]


def test_the_homes_tab_lists_open_recommendations_of_every_report(client_for, home, manager, visitor, monkeypatch):
    monkeypatch.setattr("visits.views.LIST_PAGE_SIZE", 1)
    signed_report(home, visitor, days_ago=40, recommendations=["Mend the garden fence"])
    signed_report(home, visitor, days_ago=3, recommendations=["Book PACE training"])
    page = client_for(manager).get(reverse("visit_reports_home", args=[home.pk])).content.decode()
    assert "Mend the garden fence" in page and "Book PACE training" in page


def test_a_response_is_fixed_once_the_action_is_done(client_for, home, manager, staff, visitor):
    recommendation = signed_report(home, visitor).recommendations.get()
    due = timezone.localdate() + datetime.timedelta(days=10)
    services.recommendation_respond(
        revision=None, recommendation=recommendation, user=manager, action="Book it", owner=staff, due_on=due
    )
    stale = Recommendation.objects.get(pk=recommendation.pk)  # a response page opened before it was done
    services.recommendation_done(recommendation=recommendation)
    with pytest.raises(ValidationError, match="marked done"):
        services.recommendation_respond(
            revision=None, recommendation=stale, user=manager, action="Changed", owner=manager, due_on=due
        )
    response = client_for(manager).post(
        reverse("recommendation_respond", args=[recommendation.pk]),
        {"action": "Changed", "owner": manager.pk, "due_on": due.isoformat(), "revision": stale.revision},
    )
    assert response.status_code == 200 and "marked done" in response.content.decode()
    recommendation.refresh_from_db()
    assert (recommendation.action, recommendation.owner) == ("Book it", staff)


def test_a_response_saved_meanwhile_is_shown_beside_yours_not_overwritten(client_for, home, manager, deputy, visitor):
    recommendation = signed_report(home, visitor).recommendations.get()
    respond = reverse("recommendation_respond", args=[recommendation.pk])
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    # Both open the form at the same revision; the deputy saves first.
    opened = recommendation.revision
    deputys = {"action": "Deputy books the training", "owner": deputy.pk, "due_on": due, "revision": opened}
    assert client_for(deputy).post(respond, deputys).status_code == 302

    managers = {"action": "Manager books the training", "owner": manager.pk, "due_on": due, "revision": opened}
    response = client_for(manager).post(respond, managers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "What changed while you were editing" in page
    assert "Deputy books the training" in page and "Manager books the training" in page
    recommendation.refresh_from_db()
    assert (recommendation.action, recommendation.responded_by) == ("Deputy books the training", deputy)
    # The form now carries the revision the manager has seen: saving again is a knowing choice.
    assert response.context["form"]["revision"].value() == recommendation.revision
    assert client_for(manager).post(respond, {**managers, "revision": recommendation.revision}).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.action, recommendation.responded_by) == ("Manager books the training", manager)


def test_sent_dates_are_not_in_the_future_nor_cleared(client_for, home, visitor):
    report = signed_report(home, visitor, days_ago=0)
    today = timezone.localdate()
    url = reverse("visit_report_sent", args=[report.pk])
    client = client_for(visitor)
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    response = client.post(url, {"sent_to_ofsted_on": tomorrow, "sent_to_placing_authorities_on": ""})
    assert response.status_code == 200 and services.SENT_IN_FUTURE in response.content.decode()
    assert (
        client.post(url, {"sent_to_ofsted_on": today.isoformat(), "sent_to_placing_authorities_on": ""}).status_code
        == 302
    )
    response = client.post(url, {"sent_to_ofsted_on": "", "sent_to_placing_authorities_on": ""})
    assert response.status_code == 200 and "cannot be cleared" in response.content.decode()
    report.refresh_from_db()
    assert report.sent_to_ofsted_on == today


def test_the_homes_visits_page_costs_the_same_queries_however_many_reports(client_for, home, manager, visitor):
    signed_report(home, visitor, days_ago=40)
    client = client_for(manager)
    url = reverse("visit_reports_home", args=[home.pk])
    one = count_queries(client, url)
    for days_ago in (3, 10, 20):
        signed_report(home, visitor, days_ago=days_ago, recommendations=["a", "b"])
    assert count_queries(client, url) == one
    assert client_for(member(home)).get(url).status_code == 200


def test_recommendations_in_a_period(home, visitor, manager, staff):
    old = signed_report(home, visitor, days_ago=200, recommendations=["Old one"])
    new = signed_report(home, visitor, days_ago=10, recommendations=["New one"])
    today = timezone.localdate()
    found = services.recommendations_in(home, today - datetime.timedelta(days=30), today)
    assert [r.text for r in found] == ["New one"]
    assert old.pk != new.pk


def test_the_report_names_children_only_through_consent_rows(home, visitor):
    child = ChildFactory(home=home, preferred_name="Kai", legal_name="Kai Legalname")
    visit = past_visit(home, visitor)
    VisitChild.objects.create(visit=visit, child=child, spoke_with=True)
    report = services.visit_report_save(visit=visit, staff_spoken_with=[], looked_at="Logs")
    assert [row.child for row in report.visit.children_seen.all()] == [child]
    assert Recommendation.objects.count() == 0
    assert member(home, Membership.Role.MANAGER)


def test_the_regulation_45_review_section_lists_the_periods_recommendations(home, visitor, manager, staff):
    import json

    from django.template.loader import render_to_string

    from homes.extensions import quality_review_sections

    report = signed_report(home, visitor, recommendations=["Repair the fence"])
    services.recommendation_respond(
        revision=None,
        recommendation=report.recommendations.get(),
        user=manager,
        action="Three quotes",
        owner=staff,
        due_on=timezone.localdate(),
    )
    section = quality_review_sections["visits"]
    today = timezone.localdate()
    facts = section.facts(home, today - datetime.timedelta(days=180), today)
    assert json.loads(json.dumps(facts)) == facts
    assert facts["reports"] == 1 and facts["done"] == 0
    assert facts["recommendations"][0]["owner"] == staff.full_name
    html = render_to_string(section.template, {"facts": facts})
    assert "Repair the fence" in html and "Three quotes" in html
