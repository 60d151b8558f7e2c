"""Hearth's own middleware: the second-factor gate, django-auditlog's with Hearth's client IP,
response headers that Django and django-csp do not set themselves, the reading pages' role
checks answered from memberships read once, and, on SQLite in development, a friendly answer
when the database is locked."""

from collections.abc import Callable

import auditlog.middleware
from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from homes import second_factor
from homes.security import client_ip

# Reachable with the password alone: the second-factor pages themselves, logging in and out.
OPEN_URL_NAMES = frozenset(
    {"login", "logout", "second_factor_enrol", "second_factor_verify", "second_factor_recovery", "recovery_codes"}
)
SECOND_FACTOR_NEEDED = "Confirm it is you with your second factor first."


class RolesKnownMiddleware:
    """A reading page (GET, HEAD) asks the person's role in a home again and again: each panel,
    tab and button of a child's or a home's page. Within the request the person's memberships
    are read once, when first asked (`access.roles_known`, lazily); a form's POST reads them
    afresh wherever it asks."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from homes import access  # the access rules import the apps' models

        if request.method in ("GET", "HEAD") and request.user.is_authenticated:
            with access.roles_known(request.user, lazily=True):
                return self.get_response(request)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Keeps a person who needs a second factor, and has so far only typed their password, on the
    second-factor pages. Runs after AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.url_name in OPEN_URL_NAMES or request.path.startswith("/" + settings.STATIC_URL):
            return None
        if not second_factor.second_factor_required(user):
            return None
        name = "second_factor_verify" if second_factor.is_enrolled(user) else "second_factor_enrol"
        # A page: go and pass the second factor, then come back. Anything else (a form post, an
        # autosave, a fetch for JSON) is refused: it cannot be replayed after a redirect anyway.
        wants_json = "application/json" in request.headers.get("Accept", "")
        if request.method in ("GET", "HEAD") and "X-Requested-With" not in request.headers and not wants_json:
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        if wants_json or "X-Requested-With" in request.headers:
            return JsonResponse({"error": SECOND_FACTOR_NEEDED}, status=403)
        return HttpResponseForbidden(SECOND_FACTOR_NEEDED)


class AuditlogMiddleware(auditlog.middleware.AuditlogMiddleware):
    """django-auditlog's middleware, taking the address for its entries from homes.security like
    the rest of Hearth: auditlog's own trusts the first X-Forwarded-For entry, which any client
    can write."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)


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
