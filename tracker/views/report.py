from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from homes import access, builds
from homes.builds import say_queued
from tracker.models import ReviewReport
from tracker.services import report as services
from tracker.views.tracker import get_tracker_for


def _back(request: HttpRequest, report: ReviewReport) -> HttpResponse:
    """Back to the page the button was on (the tracker or the home's month)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("tracker_detail", tracker_id=report.tracker_id)


def _get_report_for(request: HttpRequest, report_id: int) -> ReviewReport:
    reports = ReviewReport.objects.select_related("tracker__child__home")
    return access.get_for_children(request.user, reports, report_id, via="tracker__child")


@login_required
@require_GET
def report_download(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _get_report_for(request, report_id)
    access.require(access.can_download_review_reports(request.user, report.tracker.child))
    content = builds.open_ready(request, report)
    if content is None:
        return redirect("tracker_detail", tracker_id=report.tracker_id)
    services.report_download_log(report=report, user=request.user)
    access.log_read(request.user, report)
    return FileResponse(content, as_attachment=True, filename=report.filename)


@login_required
@require_POST
def report_retry(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _get_report_for(request, report_id)
    access.require(access.can_write_tracker(request.user, report.tracker.child))
    try:
        services.report_retry(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        say_queued(
            request,
            ReviewReport.objects.filter(pk=report.pk),
            f"The {report.get_kind_display().lower()} is being built again.",
        )
    return _back(request, report)


@login_required
@require_POST
def tracker_build_pack(request: HttpRequest, tracker_id: int) -> HttpResponse:
    tracker = get_tracker_for(request, tracker_id)
    access.require(access.can_write_tracker(request.user, tracker.child))
    if tracker.is_locked:
        messages.info(request, "The review is signed: its meeting pack stays as it was at the meeting.")
    else:
        pack = services.report_enqueue(
            tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK, user=request.user, rebuild=True
        )
        say_queued(request, ReviewReport.objects.filter(pk=pack.pk), "The meeting pack is being built.")
    return redirect("tracker_detail", tracker_id=tracker.pk)
