import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from children.models import CarePlan
from children.services.care_plan import care_plan_start
from children.services.versioning import DraftExists
from homes.concurrency import revision_claim
from homes.models import User
from tracker.models import MonthlyTracker, ReviewMeeting, ReviewReport
from tracker.services.report import report_enqueue
from tracker.services.tracker import meeting_clear_signatures, require_unlocked

NOT_A_SIGNATORY = "Only the manager and the assessor recorded at the meeting sign its record."
ALREADY_SIGNED = "You have already signed this review."
NO_MEETING = "Record the review meeting before signing it."


@transaction.atomic
def meeting_record(
    *,
    tracker: MonthlyTracker,
    held_on: datetime.date,
    manager: User,
    assessor: User,
    decisions: str,
    others_present: str = "",
    plan_change: str = "",
    user: User | None = None,
    revision: int | None = None,
) -> ReviewMeeting:
    """Record the month's review meeting, or correct it, as read at `revision` (raises
    concurrency.StaleEdit if someone recorded or corrected it since). A correction clears signatures.
    A decision to change the plan starts a draft revision of the child's plan, by `user` (who
    records the meeting; the manager if not given), and links it to the meeting; if a draft is
    already open, the meeting links that one: everyone works on the same draft."""
    tracker = MonthlyTracker.objects.select_for_update().select_related("child__home").get(pk=tracker.pk)
    require_unlocked(tracker)
    meeting = ReviewMeeting.objects.filter(tracker=tracker).first() or ReviewMeeting(tracker=tracker)
    revision_claim(meeting, revision=revision, user=user or manager)
    new = {
        "held_on": held_on,
        "manager": manager,
        "assessor": assessor,
        "decisions": decisions,
        "others_present": others_present,
        "plan_change": plan_change.strip(),
    }
    changed = meeting._state.adding or any(getattr(meeting, field) != value for field, value in new.items())
    for field, value in new.items():
        setattr(meeting, field, value)
    meeting.tracker = tracker
    meeting.full_clean()
    if meeting.plan_change and meeting.plan_revision_id is None:
        meeting.plan_revision = _plan_revision(tracker=tracker, user=user or manager)
        changed = True
    if changed:
        meeting.save()
        meeting_clear_signatures(tracker=tracker)
        meeting.manager_signed_at = meeting.assessor_signed_at = None
    return meeting


def _plan_revision(*, tracker: MonthlyTracker, user: User) -> CarePlan:
    try:
        return care_plan_start(child=tracker.child, user=user)
    except DraftExists as exists:
        return exists.draft


@transaction.atomic
def meeting_sign(*, tracker: MonthlyTracker, user: User, build_record: bool = True) -> ReviewMeeting:
    """The person signs for the role they held at the meeting. When both have signed, the
    tracker locks and the review record PDF is queued (unless `build_record` is False: the demo
    leaves older months' PDFs to the home month's "build all")."""
    tracker = MonthlyTracker.objects.select_for_update().get(pk=tracker.pk)
    require_unlocked(tracker)
    meeting = ReviewMeeting.objects.filter(tracker=tracker).first()
    if meeting is None:
        raise ValidationError(NO_MEETING)
    now = timezone.now()
    if user.pk == meeting.manager_id:
        if meeting.manager_signed_at:
            raise ValidationError(ALREADY_SIGNED)
        meeting.manager_signed_at = now
    elif user.pk == meeting.assessor_id:
        if meeting.assessor_signed_at:
            raise ValidationError(ALREADY_SIGNED)
        meeting.assessor_signed_at = now
    else:
        raise ValidationError(NOT_A_SIGNATORY)
    meeting.save(update_fields=["manager_signed_at", "assessor_signed_at", "updated_at"])
    if meeting.fully_signed:
        tracker.locked_at = now
        tracker.save(update_fields=["locked_at", "updated_at"])
        if build_record:
            report_enqueue(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD, user=user)
    return meeting
