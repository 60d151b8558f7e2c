from django import template
from django.conf import settings

from homes.session_limits import describe_duration, seconds_left

register = template.Library()


@register.inclusion_tag("includes/_session_timeout.html", takes_context=True)
def session_timeout_warning(context: template.Context) -> dict:
    """The warning dialog before the session ends, with what session-timeout.js needs: the
    time this session has left as the page is sent (its clock starts from the page load)."""
    idle_left, absolute_left = seconds_left(context["request"].session)
    return {
        "csrf_token": context.get("csrf_token"),
        "idle_seconds": settings.SESSION_IDLE_SECONDS,
        "idle_seconds_left": max(idle_left, 0),
        "absolute_seconds_left": max(absolute_left, 0),
        "warning_seconds": settings.SESSION_WARNING_SECONDS,
        "warning_in": describe_duration(settings.SESSION_WARNING_SECONDS),
        "absolute_in": describe_duration(settings.SESSION_ABSOLUTE_SECONDS),
    }
