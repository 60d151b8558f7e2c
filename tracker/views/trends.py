from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from homes import access
from tracker.trends import child_trends, trend_charts


@login_required
@require_GET
def child_trends_view(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's tracker history as charts: goal progress, key working and attendance by month."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    trends = child_trends(child, until=timezone.localdate())
    return render(request, "tracker/trends.html", {"child": child, "trend_charts": trend_charts(trends)})
