"""The Regulation 45 review of the quality of care (issue 12, item 3): drafted from the records of
a half-year (facts kept as drafted), the manager's narrative, signed and then immutable, its PDF,
the 28-day clock on the task list, and the evidence pack."""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from homes import builds
from homes.extensions import evidence_sections, tasks_for
from oversight import due
from oversight.models import QualityReview, QualityReviewPdf
from oversight.services import quality_review as services
from tests.children.factories import CarePlanFactory, GoalFactory, ProvisionArrangementFactory, ProvisionSessionFactory
from tests.tracker.factories import TrackerFactory
from tests.utils import count_queries, today
from tracker.models import GoalProgress

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")

H1 = datetime.date(2026, 1, 1)  # the half-year January to June 2026
AFTER_H1 = datetime.date(2026, 7, 10)
NARRATIVE = {
    "children_views": "The children say the house feels calmer since the new routine.",
    "parents_views": "Families value the weekly call.",
    "placing_authorities_views": "Social workers note fewer missing episodes.",
    "staff_views": "Staff feel supervision is protected.",
    "strengths": "Key working happens every week, in the children's words.",
    "actions": "Train the two newest staff in PACE by September.",
}


def pdf_text(content: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


@pytest.fixture
def records(child, manager):
    """Siobhán's half-year: two monthly reviews of one goal, therapy sessions and her words."""
    type(child).objects.filter(pk=child.pk).update(admission_date=datetime.date(2025, 9, 1))
    child.refresh_from_db()
    goal = GoalFactory(plan=CarePlanFactory(child=child), title="Settle to sleep with a familiar routine")
    for month, progress, words in [
        (datetime.date(2026, 2, 1), GoalProgress.Progress.EMERGING, "Bedtime is better with the lamp."),
        (datetime.date(2026, 5, 1), GoalProgress.Progress.PROGRESSING, "I like my room now."),
    ]:
        tracker = TrackerFactory(child=child, month=month, child_voice=words)
        GoalProgress.objects.create(tracker=tracker, thread=goal.thread, goal=goal, progress=progress, evidence="Seen")
    therapy = ProvisionArrangementFactory(child=child, start_date=datetime.date(2025, 9, 1))
    for day, status in [
        (datetime.date(2026, 3, 3), "attended"),
        (datetime.date(2026, 3, 10), "attended"),
        (datetime.date(2026, 3, 17), "did_not_attend"),
        (datetime.date(2026, 3, 24), "cancelled_provider"),  # not the child's absence
        (datetime.date(2026, 8, 4), "did_not_attend"),  # after the period
    ]:
        ProvisionSessionFactory(arrangement=therapy, date=day, status=status)
    return child


def draft(home, manager) -> QualityReview:
    return services.quality_review_draft(home=home, user=manager, period_start=H1, today=AFTER_H1)


def signed(home, manager) -> QualityReview:
    review = draft(home, manager)
    services.quality_review_write(review=review, user=manager, revision=review.revision, **NARRATIVE)
    return services.quality_review_sign(review=review, user=manager)


# --- Drafting from the records ---------------------------------------------------------------------


def test_periods_are_half_years_and_a_review_covers_one_that_has_ended():
    assert services.period_containing(datetime.date(2026, 6, 30)) == (H1, datetime.date(2026, 6, 30))
    assert services.last_ended_period(datetime.date(2026, 7, 1)) == (H1, datetime.date(2026, 6, 30))
    assert services.last_ended_period(datetime.date(2026, 3, 1)) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 12, 31),
    )


def test_a_period_not_yet_ended_cannot_be_reviewed(home, manager):
    with pytest.raises(ValidationError, match="a period that has ended"):
        services.quality_review_draft(home=home, user=manager, period_start=H1, today=datetime.date(2026, 6, 30))


def test_one_review_per_home_per_period(home, manager):
    draft(home, manager)
    with pytest.raises(ValidationError, match="already has a review"):
        draft(home, manager)


def test_the_draft_gathers_the_childrens_progress_from_the_period(home, manager, records):
    review = draft(home, manager)
    sections = {section["name"]: section for section in review.sections}
    assert list(sections)[:2] == ["care-and-team", "children-progress"]
    assert {"children-progress", "safeguarding", "team", "implementation-measures"} <= set(sections)
    progress = sections["children-progress"]["facts"]
    assert progress["goals_reviewed"] == 2 and progress["goals_progressing"] == 1
    assert progress["goals_progressing_percent"] == 50
    (row,) = progress["children"]
    assert row["child"] == "S.N.B."  # initials only: the review goes to Ofsted
    assert row["goals"]["latest"] == [{"goal": "Settle to sleep with a familiar routine", "progress": "Progressing"}]
    assert row["attendance"] == [{"kind": "Psychotherapy", "attended": 2, "possible": 3, "percent": 67}]
    assert [said["words"] for said in row["words"]] == ["I like my room now.", "Bedtime is better with the lamp."]
    assert row["brain_map"] is None
    assert "Siobhán" not in str(review.sections) and "Bhriain" not in str(review.sections)


def test_the_team_section_hides_wellbeing_where_fewer_than_five_answered(home, manager):
    from supervision.models import WellbeingCheckIn
    from tests.factories import member

    people = [manager] + [member(home) for _ in range(4)]
    for index, person in enumerate(people):
        checkin = WellbeingCheckIn.objects.create(person=person, home=home, score=4)
        march = datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)
        WellbeingCheckIn.objects.filter(pk=checkin.pk).update(recorded_at=march)
        if index < 4:
            april = WellbeingCheckIn.objects.create(person=person, home=home, score=2)
            WellbeingCheckIn.objects.filter(pk=april.pk).update(recorded_at=march + datetime.timedelta(days=31))
    team = next(s for s in draft(home, manager).sections if s["name"] == "team")["facts"]
    wellbeing = {row["month"]: row["wellbeing"] for row in team["rows"]}
    assert wellbeing["Mar 2026"] == 4.0  # five people
    assert wellbeing["Apr 2026"] is None  # four: hidden


def test_the_drafted_facts_do_not_change_with_the_records_until_gathered_again(home, manager, records):
    review = draft(home, manager)
    GoalProgress.objects.filter(progress=GoalProgress.Progress.EMERGING).update(progress="achieved")
    review.refresh_from_db()
    progress = next(s for s in review.sections if s["name"] == "children-progress")["facts"]
    assert progress["goals_progressing"] == 1
    services.quality_review_redraft(review=review, user=manager)
    review.refresh_from_db()
    progress = next(s for s in review.sections if s["name"] == "children-progress")["facts"]
    assert progress["goals_progressing"] == 2
    # Nothing is lost: the facts first drafted are in the review's change history.
    from auditlog.models import LogEntry

    redrafted = LogEntry.objects.get_for_object(review).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    before, after = (str(value).replace(" ", "") for value in redrafted.changes["sections"])
    assert 'goals_progressing":1' in before.replace("'", '"') and 'goals_progressing":2' in after.replace("'", '"')


# --- Signing: the narrative, then immutable ---------------------------------------------------------


def test_signing_needs_the_whole_narrative(home, manager):
    review = draft(home, manager)
    with pytest.raises(ValidationError, match="Add the views of the children"):
        services.quality_review_sign(review=review, user=manager)
    assert not QualityReview.objects.get(pk=review.pk).is_signed


def test_a_signed_review_never_changes(home, manager):
    review = signed(home, manager)
    assert review.is_signed
    with pytest.raises(ValidationError, match="signed"):
        services.quality_review_write(review=review, user=manager, revision=review.revision, strengths="Changed")
    with pytest.raises(ValidationError, match="signed"):
        services.quality_review_redraft(review=review, user=manager)
    with pytest.raises(ValidationError, match="signed"):
        services.quality_review_sign(review=review, user=manager)
    assert QualityReview.objects.get(pk=review.pk).strengths == NARRATIVE["strengths"]


def test_a_signed_reviews_page_offers_no_form_and_refuses_a_post(client, home, manager):
    review = signed(home, manager)
    client.force_login(manager)
    page = client.get(reverse("quality_review_detail", args=[review.pk])).content.decode()
    assert "Save the narrative" not in page and NARRATIVE["actions"] in page
    response = client.post(
        reverse("quality_review_detail", args=[review.pk]), {**NARRATIVE, "revision": 99, "strengths": "x"}
    )
    assert response.status_code == 403


# --- The 28-day clock ------------------------------------------------------------------------------


def test_the_review_is_due_with_ofsted_28_days_after_the_period(home, manager):
    review = draft(home, manager)
    assert review.due_on == datetime.date(2026, 7, 28)


def test_the_date_sent_is_recorded_once_after_signing(home, manager):
    review = draft(home, manager)
    with pytest.raises(ValidationError, match="Sign the review"):
        services.quality_review_record_sent(review=review, user=manager, sent_on=today())
    services.quality_review_write(review=review, user=manager, revision=review.revision, **NARRATIVE)
    review = services.quality_review_sign(review=review, user=manager)
    with pytest.raises(ValidationError):
        services.quality_review_record_sent(review=review, user=manager, sent_on=today() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.quality_review_record_sent(review=review, user=manager, sent_on=today() - datetime.timedelta(days=1))
    services.quality_review_record_sent(review=review, user=manager, sent_on=today())
    review.refresh_from_db()
    assert review.sent_to_ofsted_on == today() and review.sent_late  # signed long after July 2026
    with pytest.raises(ValidationError, match="already recorded"):
        services.quality_review_record_sent(review=review, user=manager, sent_on=today())


def _review_tasks(user, day):
    return [(task.kind, task.due) for task in tasks_for(user, day) if "Regulation 45" in task.kind]


def test_the_clock_on_the_managers_task_list(home, manager, staff):
    deadline = datetime.date(2026, 7, 28)
    assert _review_tasks(manager, datetime.date(2026, 6, 30)) == [(due.REVIEW_TO_DRAFT, datetime.date(2026, 1, 28))]
    assert _review_tasks(manager, datetime.date(2026, 7, 1)) == [(due.REVIEW_TO_DRAFT, deadline)]
    assert _review_tasks(staff, datetime.date(2026, 7, 1)) == []
    review = draft(home, manager)
    assert _review_tasks(manager, datetime.date(2026, 7, 2)) == []  # drafted; not yet within the horizon
    assert _review_tasks(manager, datetime.date(2026, 7, 20)) == [(due.REVIEW_TO_SIGN, deadline)]
    overdue = [t for t in tasks_for(manager, datetime.date(2026, 8, 1)) if t.kind == due.REVIEW_TO_SIGN]
    assert overdue[0].is_overdue(datetime.date(2026, 8, 1))
    services.quality_review_write(review=review, user=manager, revision=review.revision, **NARRATIVE)
    services.quality_review_sign(review=review, user=manager)
    assert (due.REVIEW_TO_SEND, deadline) in _review_tasks(manager, datetime.date(2026, 7, 20))
    review.refresh_from_db()
    services.quality_review_record_sent(review=review, user=manager, sent_on=today())
    assert (due.REVIEW_TO_SEND, deadline) not in _review_tasks(manager, datetime.date(2026, 7, 20))


# --- The PDF and the evidence pack ------------------------------------------------------------------


@needs_pdftotext
def test_signing_builds_the_pdf_with_the_facts_and_the_narrative(
    home, manager, records, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = signed(home, manager)
    review = QualityReview.objects.get(pk=review.pk)
    assert review.pdf.status == QualityReviewPdf.Status.READY and review.pdf.sha256
    text = pdf_text(review.pdf.file.read())
    assert "Review of the quality of care" in text and home.name in text
    assert "The children's progress" in text and "S.N.B." in text and "I like my room now." in text
    assert "Keeping children safe" in text and "The team: supervision, training and wellbeing" in text
    assert NARRATIVE["actions"] in text and f"Signed by {manager.full_name}" in text
    assert "Siobhán" not in text


def test_the_signed_reviews_pdf_goes_in_the_evidence_pack(home, manager):
    draft_only = draft(home, manager)
    section = evidence_sections["quality-reviews"]
    assert list(section.files(home, H1, datetime.date(2026, 12, 31))) == []
    services.quality_review_write(review=draft_only, user=manager, revision=draft_only.revision, **NARRATIVE)
    services.quality_review_sign(review=draft_only, user=manager)
    ((name, content),) = list(section.files(home, H1, datetime.date(2026, 12, 31)))
    assert name == "quality-of-care-review-2026-01.pdf" and content.startswith(b"%PDF")
    assert section.judgement == "The effectiveness of leaders and managers"


# --- The pages: persona matrix ------------------------------------------------------------------------


def test_the_manager_drafts_writes_signs_and_records_sending_through_the_pages(
    client, home, manager, records, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    start, _ = services.last_ended_period(today())
    response = client.post(reverse("quality_review_draft", args=[home.pk]))
    review = QualityReview.objects.get(home=home)
    assert review.period_start == start
    assert response.url == reverse("quality_review_detail", args=[review.pk])
    page = client.get(response.url).content.decode()
    assert "The children&#x27;s progress" in page or "The children's progress" in page
    assert client.post(response.url, {**NARRATIVE, "revision": review.revision}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("quality_review_sign", args=[review.pk]))
    review.refresh_from_db()
    assert review.is_signed and review.pdf.status == QualityReviewPdf.Status.READY
    download = client.get(reverse("quality_review_download", args=[review.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    client.post(reverse("quality_review_sent", args=[review.pk]), {"sent_on": today().isoformat()})
    review.refresh_from_db()
    assert review.sent_to_ofsted_on == today()


def test_a_stale_narrative_save_shows_theirs_beside_yours(client, home, manager, deputy):
    review = draft(home, manager)
    opened_at = review.revision
    services.quality_review_write(review=review, user=deputy, revision=opened_at, strengths="Deputy's words")
    client.force_login(manager)
    response = client.post(reverse("quality_review_detail", args=[review.pk]), {**NARRATIVE, "revision": opened_at})
    assert response.status_code == 200 and "while you were editing it" in response.content.decode()
    assert QualityReview.objects.get(pk=review.pk).strengths == "Deputy's words"


def test_care_staff_read_but_may_not_write(client, home, manager, staff):
    review = draft(home, manager)
    client.force_login(staff)
    assert client.get(reverse("quality_reviews", args=[home.pk])).status_code == 200
    assert client.get(reverse("quality_review_detail", args=[review.pk])).status_code == 200
    url = reverse("quality_review_detail", args=[review.pk])
    assert client.post(url, {**NARRATIVE, "revision": review.revision}).status_code == 403
    for name in ("quality_review_sign", "quality_review_redraft", "quality_review_sent", "quality_review_pdf"):
        assert client.post(reverse(name, args=[review.pk])).status_code == 403
    assert client.post(reverse("quality_review_draft", args=[home.pk])).status_code == 403


def test_another_homes_manager_finds_nothing(client, home, manager, other_manager):
    review = signed(home, manager)
    client.force_login(other_manager)
    assert client.get(reverse("quality_reviews", args=[home.pk])).status_code == 404
    assert client.get(reverse("quality_review_detail", args=[review.pk])).status_code == 404
    assert client.get(reverse("quality_review_download", args=[review.pk])).status_code == 404
    for name in ("quality_review_sign", "quality_review_redraft", "quality_review_sent", "quality_review_pdf"):
        assert client.post(reverse(name, args=[review.pk])).status_code == 404
    assert client.post(reverse("quality_review_draft", args=[home.pk])).status_code == 404


def test_the_responsible_individual_signs(client, home, manager):
    from homes.models import User
    from tests.factories import UserFactory

    ri = UserFactory(provider_role=User.ProviderRole.RESPONSIBLE_INDIVIDUAL)
    review = draft(home, manager)
    services.quality_review_write(review=review, user=manager, revision=review.revision, **NARRATIVE)
    client.force_login(ri)
    client.post(reverse("quality_review_sign", args=[review.pk]))
    review.refresh_from_db()
    assert review.signed_by == ri


def test_post_only_views_refuse_get(client, home, manager):
    review = draft(home, manager)
    client.force_login(manager)
    assert client.get(reverse("quality_review_draft", args=[home.pk])).status_code == 405
    for name in ("quality_review_sign", "quality_review_redraft", "quality_review_sent", "quality_review_pdf"):
        assert client.get(reverse(name, args=[review.pk])).status_code == 405
    assert client.put(reverse("quality_review_detail", args=[review.pk])).status_code == 405


def test_the_list_costs_the_same_queries_however_many_reviews(client, home, manager):
    client.force_login(manager)
    url = reverse("quality_reviews", args=[home.pk])
    draft(home, manager)
    one = count_queries(client, url)
    for start in (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1), datetime.date(2024, 7, 1)):
        services.quality_review_draft(home=home, user=manager, period_start=start, today=AFTER_H1)
    assert count_queries(client, url) == one


def test_the_manager_gathers_the_facts_again_and_asks_for_a_failed_pdf_again(
    client, home, manager, records, django_capture_on_commit_callbacks
):
    review = draft(home, manager)
    GoalProgress.objects.update(progress=GoalProgress.Progress.ACHIEVED)
    client.force_login(manager)
    assert client.post(reverse("quality_review_redraft", args=[review.pk])).status_code == 302
    review.refresh_from_db()
    assert next(s for s in review.sections if s["name"] == "children-progress")["facts"]["goals_progressing"] == 2
    review = signed_from(review, manager)
    builds.mark_failed(QualityReviewPdf, review.pdf.pk, RuntimeError("the disk was full"))
    page = client.get(reverse("quality_review_detail", args=[review.pk])).content.decode()
    assert "the disk was full" in page and "Make the PDF again" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("quality_review_pdf", args=[review.pk])).status_code == 302
    review.pdf.refresh_from_db()
    assert review.pdf.status == QualityReviewPdf.Status.READY


def signed_from(review: QualityReview, manager) -> QualityReview:
    review.refresh_from_db()
    services.quality_review_write(review=review, user=manager, revision=review.revision, **NARRATIVE)
    return services.quality_review_sign(review=review, user=manager)
