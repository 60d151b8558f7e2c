from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from children.forms.daily_care import ActivityForm
from children.models import Activity
from children.services import daily_care as services
from homes import access
from homes.dates import parse_date_within_bounds
from homes.submissions import create_once

LIST_PAGE_SIZE = 30
QUICK_DURATIONS = [15, 30, 45, 60, 90, 120]


def _remembered(request: HttpRequest) -> dict:
    """The type and date of the last entry, carried in the address so the next entry is quicker."""
    initial = {}
    if request.GET.get("kind") in Activity.Kind.values:
        initial["kind"] = request.GET["kind"]
    # A mangled address, or a date Hearth refuses anywhere, just starts from today.
    initial["date"] = parse_date_within_bounds(request.GET.get("date", "")) or timezone.localdate()
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def activity_log(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's daily care and enrichment, with a quick-add form that stays open."""
    child = access.get_child_for(request.user, child_id)
    can_log = access.can_log_daily_work(request.user, child)
    form = None
    if request.method == "POST":
        access.require(can_log)
        form = ActivityForm(request.POST, instance=Activity(child=child))
        if form.is_valid():
            activity = services.activity_add(child=child, recorded_by=request.user, **form.cleaned_data)
            messages.success(
                request, f"Added: {activity.get_kind_display()}, {activity.duration_minutes} minutes. Add another?"
            )
            query = urlencode({"kind": activity.kind, "date": activity.date.isoformat()})
            return redirect(f"{reverse('activity_log', args=[child.pk])}?{query}#quick-add")
    elif can_log:
        form = ActivityForm(instance=Activity(child=child), initial=_remembered(request))
    activities = Paginator(child.activities.filter(archived=False).select_related("recorded_by"), LIST_PAGE_SIZE)
    page = activities.get_page(request.GET.get("page"))
    access.log_read(request.user, child)
    return render(
        request,
        "children/daily_care/activities.html",
        {
            "child": child,
            "form": form,
            "durations": QUICK_DURATIONS,
            "activities": page,
            "archivable": access.archivable_activities(request.user, child, page),
        },
    )


@login_required
@require_POST
def activity_archive(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_for_children(request.user, Activity.objects.select_related("child__home"), activity_id)
    access.require(access.can_archive_activity(request.user, activity))
    if not activity.archived:
        services.activity_archive(activity=activity)
    messages.success(
        request, f"Taken back: {activity.get_kind_display()} on {activity.date:%-d %B}. It stays in the history."
    )
    return redirect("activity_log", child_id=activity.child_id)
