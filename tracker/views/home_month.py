import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from homes import access
from homes.builds import BUILDER_UNAVAILABLE, say_queued
from homes.models import Home
from homes.session_limits import session_passive
from homes.submissions import create_once
from tracker.models import MonthlyTracker, ReviewReport
from tracker.months import first_of, meeting_due_by, next_month, previous_month
from tracker.services.report import report_enqueue
from tracker.services.tracker import children_in_placement_during, tracker_open_month


def _get_home(request: HttpRequest, home_id: int) -> Home:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_review_home(request.user, home))
    return home


MONTH_NOT_BEGUN = "{month} has not begun yet."


def _not_begun(request: HttpRequest, home: Home, month: datetime.date) -> HttpResponse | None:
    if month <= first_of(timezone.localdate()):
        return None
    messages.error(request, MONTH_NOT_BEGUN.format(month=f"{month:%B %Y}"))
    return redirect("home_month", home_id=home.pk, month=month)


def _pack_progress(home: Home, month: datetime.date) -> dict:
    """How many of the month's meeting packs are ready, out of the trackers that have one queued,
    and how many wait for the builder (the broker refused them)."""
    counts = ReviewReport.objects.filter(
        tracker__child__home=home, tracker__month=month, kind=ReviewReport.Kind.MEETING_PACK
    ).aggregate(
        total=Count("pk"),
        ready=Count("pk", filter=Q(status=ReviewReport.Status.READY)),
        failed=Count("pk", filter=Q(status=ReviewReport.Status.FAILED)),
        waiting=Count("pk", filter=Q(status=ReviewReport.Status.QUEUED, awaiting_builder=True)),
    )
    counts["done"] = counts["ready"] + counts["failed"] == counts["total"]
    return counts


@login_required
@require_GET
def home_reviews(request: HttpRequest, home_id: int) -> HttpResponse:
    """The month now under review: the one that has just closed."""
    home = _get_home(request, home_id)
    return redirect("home_month", home_id=home.pk, month=previous_month(timezone.localdate()))


@login_required
@require_GET
def home_month(request: HttpRequest, home_id: int, month: datetime.date) -> HttpResponse:
    """Every child's tracker, meeting and PDFs for the month, and what is overdue. A constant
    number of queries however many children."""
    home = _get_home(request, home_id)
    today = timezone.localdate()
    children = list(
        access.children_for(request.user)
        .filter(pk__in=children_in_placement_during(month, home=home))
        .order_by("preferred_name")
    )
    trackers = {
        tracker.child_id: tracker
        for tracker in MonthlyTracker.objects.filter(month=month, child__in=[c.pk for c in children])
        .select_related("meeting__manager", "meeting__assessor")
        .prefetch_related("reports")
    }
    meeting_overdue = today > meeting_due_by(month)
    # The same rules as access.can_write_tracker / can_download_review_reports, without a query per row.
    manages = access.can_manage_home(request.user, home)
    rows = []
    for child in children:
        tracker = trackers.get(child.pk)
        meeting = getattr(tracker, "meeting", None) if tracker else None
        reports = {report.kind: report for report in tracker.reports.all()} if tracker else {}
        can_write = manages or child.assessor_id == request.user.pk
        rows.append(
            {
                "child": child,
                "tracker": tracker,
                "meeting": meeting,
                "pack": reports.get(ReviewReport.Kind.MEETING_PACK),
                "record": reports.get(ReviewReport.Kind.REVIEW_RECORD),
                # As on the dashboard: a child who has left is not chased for a meeting.
                "meeting_overdue": tracker is not None and meeting is None and meeting_overdue and child.in_placement,
                "unsigned": meeting is not None and not meeting.fully_signed,
                "can_write": can_write,
                "can_download": can_write or request.user.is_clinical_lead,
            }
        )
    return render(
        request,
        "tracker/home_month.html",
        {
            "home": home,
            "month": month,
            "rows": rows,
            "due_by": meeting_due_by(month),
            "previous": previous_month(month),
            "next": next_month(month) if next_month(month) <= first_of(today) else None,
            "missing_trackers": sum(1 for row in rows if row["tracker"] is None),
            "progress": _pack_progress(home, month),
            "month_closed": next_month(month) <= today,
            "can_manage_evidence": access.can_manage_evidence(request.user, home),
            "progress_url": reverse("home_month_progress", kwargs={"home_id": home.pk, "month": month}),
            "builder_unavailable": BUILDER_UNAVAILABLE,
        },
    )


@login_required
@require_POST
@create_once
def home_month_open(request: HttpRequest, home_id: int, month: datetime.date) -> HttpResponse:
    home = _get_home(request, home_id)
    access.require(access.can_manage_home(request.user, home))
    if refused := _not_begun(request, home, month):
        return refused
    opened = tracker_open_month(month=month, home=home)
    messages.success(request, f"Opened {opened} tracker{'s' if opened != 1 else ''} for {month:%B %Y}.")
    return redirect("home_month", home_id=home.pk, month=month)


@login_required
@require_POST
def home_month_build_packs(request: HttpRequest, home_id: int, month: datetime.date) -> HttpResponse:
    """Queue (again) every unsigned month's meeting pack, so they show the records as they are now,
    and build whatever PDF a signed month is missing (its pack or its review record)."""
    home = _get_home(request, home_id)
    if refused := _not_begun(request, home, month):
        return refused
    tracker_open_month(month=month, home=home)
    trackers = MonthlyTracker.objects.filter(child__in=access.children_for(request.user).filter(home=home), month=month)
    queued = []
    for tracker in trackers:
        # A signed month's ready pack is never rebuilt (report_enqueue refuses); a missing one is built.
        queued.append(
            report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK, user=request.user, rebuild=True).pk
        )
        if tracker.is_locked:
            queued.append(report_enqueue(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD, user=request.user).pk)
    say_queued(request, ReviewReport.objects.filter(pk__in=queued), "The meeting packs are being built.")
    return redirect(f"{reverse('home_month', kwargs={'home_id': home.pk, 'month': month})}#packs")


@session_passive  # polled by pack-progress.js while the page is open: not the person working
@never_cache
@login_required
@require_GET
def home_month_progress(request: HttpRequest, home_id: int, month: datetime.date) -> JsonResponse:
    home = _get_home(request, home_id)
    return JsonResponse(_pack_progress(home, month))
