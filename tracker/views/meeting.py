from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from homes import access, concurrency
from homes.builds import say_queued
from tracker.forms import MeetingForm
from tracker.models import ReviewMeeting, ReviewReport
from tracker.models.meeting import CHILD_HAS_NO_ASSESSOR
from tracker.services import meeting as services
from tracker.services.tracker import TRACKER_LOCKED
from tracker.views.tracker import get_tracker_for, meeting_of


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, tracker_id: int) -> HttpResponse:
    tracker = get_tracker_for(request, tracker_id)
    access.require(access.can_write_tracker(request.user, tracker.child))
    if tracker.is_locked:
        messages.info(request, TRACKER_LOCKED)
        return redirect("tracker_detail", tracker_id=tracker.pk)
    access.log_read(request.user, tracker)
    meeting = meeting_of(tracker) or ReviewMeeting(tracker=tracker)
    form = MeetingForm(request.POST if request.method == "POST" else None, instance=meeting)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(tracker=tracker, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [MeetingForm(data, instance=current)], yours=[form]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The meeting has been recorded. The manager and the assessor now sign it.")
            return redirect("tracker_detail", tracker_id=tracker.pk)
    child = tracker.child
    no_assessor = CHILD_HAS_NO_ASSESSOR.format(child=child.preferred_name) if child.assessor_id is None else ""
    return render(
        request,
        "tracker/meeting_form.html",
        {"form": form, "tracker": tracker, "child": child, "no_assessor": no_assessor, "changes": changes},
    )


@login_required
@require_POST
def meeting_sign(request: HttpRequest, tracker_id: int) -> HttpResponse:
    tracker = get_tracker_for(request, tracker_id)
    meeting = meeting_of(tracker)
    access.require(meeting is not None and access.can_sign_review(request.user, meeting))
    try:
        meeting = services.meeting_sign(tracker=tracker, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if meeting.fully_signed:
            messages.success(request, "Both have signed: the review is locked.")
            record = tracker.reports.filter(kind=ReviewReport.Kind.REVIEW_RECORD)
            say_queued(request, record, "Its review record is being built.")
        else:
            messages.success(request, "Your signature has been recorded.")
    return redirect("tracker_detail", tracker_id=tracker.pk)
