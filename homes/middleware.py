"""Hearth's own middleware: response headers that Django and django-csp do not set themselves,
and, on SQLite in development, a friendly answer when the database is locked."""

from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy` from settings.PERMISSIONS_POLICY ({feature: [origins]}; an empty
    list switches the feature off). Hearth uses no camera, microphone, location or payment, so a
    script that got in anyway still cannot reach them; neither can a page framing ours."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


# SQLite in development: a write that still finds the database locked after the busy timeout
# (config/settings.py) answers "Hearth is busy, try again" (503) instead of a 500.
BUSY_MESSAGE = "Hearth is busy, try again in a moment."
# SQLite's own words; any other OperationalError is a real fault and stays a 500.
LOCKED = "database is locked"
RETRY_AFTER_SECONDS = 5


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and LOCKED in str(exception)):
            return None
        # A page of its own, not base.html: rendering the navigation could read the locked database.
        response = HttpResponse(render_to_string("busy.html", {"message": BUSY_MESSAGE}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
