"""SQLite in development: a write that still finds the database locked after the busy timeout
(config/settings.py) answers "Hearth is busy, try again" (503) instead of a 500."""

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

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
