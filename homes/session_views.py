"""The session-timeout warning's two small endpoints (static/js/session-timeout.js)."""

import time

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from homes.session_limits import LAST_ACTIVITY, seconds_left, session_passive


def _time_left(request: HttpRequest) -> JsonResponse:
    idle, absolute = seconds_left(request.session)
    return JsonResponse({"idle_seconds_left": max(idle, 0), "absolute_seconds_left": max(absolute, 0)})


@session_passive
@login_required
@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long this session has left, without counting as activity: another tab may have kept
    the session alive, so the warning asks before it shows."""
    return _time_left(request)


@login_required
@require_POST
def session_keep_alive(request: HttpRequest) -> JsonResponse:
    """'Stay logged in': the person asked, so the idle clock restarts now, even within the minute
    in which SessionLimitsMiddleware leaves it as it is."""
    request.session[LAST_ACTIVITY] = int(time.time())
    return _time_left(request)
