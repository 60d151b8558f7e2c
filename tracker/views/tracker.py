from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access, concurrency
from tracker.forms import GoalProgressForm, TrackerForm
from tracker.models import MonthlyTracker, ReviewMeeting
from tracker.prefill import goal_rows, month_summary, plan_in_force
from tracker.services import tracker as services
from tracker.services.review import tracker_review_save


def trackers() -> QuerySet[MonthlyTracker]:
    return MonthlyTracker.objects.select_related(
        "child__home",
        "child__key_worker",
        "child__assessor",
        "meeting__manager",
        "meeting__assessor",
        "meeting__plan_revision",
    )


def get_tracker_for(request: HttpRequest, tracker_id: int) -> MonthlyTracker:
    return access.get_for_children(request.user, trackers(), tracker_id)


def meeting_of(tracker: MonthlyTracker) -> ReviewMeeting | None:
    return getattr(tracker, "meeting", None)


@login_required
@require_GET
def tracker_detail(request: HttpRequest, tracker_id: int) -> HttpResponse:
    tracker = get_tracker_for(request, tracker_id)
    child, user = tracker.child, request.user
    meeting = meeting_of(tracker)
    can_write = access.can_write_tracker(user, child)
    access.log_read(user, tracker)
    return render(
        request,
        "tracker/tracker_detail.html",
        {
            "tracker": tracker,
            "child": child,
            "meeting": meeting,
            "summary": month_summary(child, tracker.month),
            "reports": {report.kind: report for report in tracker.reports.all()},
            "can_write": can_write and not tracker.is_locked,
            "can_sign": bool(meeting)
            and access.can_sign_review(user, meeting)
            and not meeting.has_signed(user)
            and not tracker.is_locked,
            "can_download": access.can_download_review_reports(user, child),
            "can_build": can_write,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracker_edit(request: HttpRequest, tracker_id: int) -> HttpResponse:
    tracker = get_tracker_for(request, tracker_id)
    access.require(access.can_write_tracker(request.user, tracker.child))
    if tracker.is_locked:
        messages.info(request, services.TRACKER_LOCKED)
        return redirect("tracker_detail", tracker_id=tracker.pk)
    access.log_read(request.user, tracker)
    plan = plan_in_force(tracker.child, tracker.month)
    form, *goal_forms = _review_forms(tracker, request.POST if request.method == "POST" else None, plan)
    changes = None
    if request.method == "POST" and form.is_valid() and all([f.is_valid() for f in goal_forms]):
        entered = dict(form.cleaned_data)
        try:
            tracker_review_save(
                tracker=tracker,
                user=request.user,
                revision=entered.pop("revision"),
                entered=entered,
                entries=[entry for f in goal_forms if (entry := f.entry())],
            )
        except concurrency.StaleEdit as stale:
            parts, changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: _review_forms(current, data, plan),
                yours=[form, *goal_forms],
            )
            form, *goal_forms = parts
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{tracker.child.preferred_name}'s {tracker.month:%B} review has been saved.")
            return redirect("tracker_detail", tracker_id=tracker.pk)
    return render(
        request,
        "tracker/tracker_form.html",
        {
            "form": form,
            "goal_forms": goal_forms,
            "plan": plan,
            "tracker": tracker,
            "child": tracker.child,
            "changes": changes,
        },
    )


def _review_forms(tracker: MonthlyTracker, data, plan) -> list:
    """The review page's forms: the tracker's own, then one per goal under review."""
    goal_forms = [GoalProgressForm(data, row=row) for row in goal_rows(tracker.child, tracker.month, plan)]
    return [TrackerForm(data, instance=tracker), *goal_forms]
