"""The authentication audit trail (homes.SecurityEvent) and what feeds it: Django's and axes'
signals, the client's IP address, and the throttles that count recent events.

Throttles count rows in the audit table rather than keys in a cache: every process (gunicorn
workers, several containers) shares the database, while Django's default cache is per process,
so a cache-based counter would only hold with a shared cache (Redis) configured for it.
"""

import datetime
import ipaddress

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from homes.models import SecurityEvent, User

Kind = SecurityEvent.Kind


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or, only when HEARTH_BEHIND_PROXY says a reverse proxy
    in front of Hearth sets it, the last address in X-Forwarded-For (the one our proxy added:
    earlier entries come from the client and can be forged)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if settings.HEARTH_BEHIND_PROXY:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        address = hops[-1] if hops else address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def security_event_record(
    kind: str,
    *,
    request: HttpRequest | None = None,
    user: User | None = None,
    email: str = "",
    by: User | None = None,
    detail: str = "",
) -> SecurityEvent:
    """Write one entry of the audit trail. `email` defaults to the person's own address."""
    meta = request.META if request is not None else {}
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        email=(email or (user.email if user else "")).strip().lower()[:254],
        by=by,
        ip_address=client_ip(request),
        user_agent=meta.get("HTTP_USER_AGENT", "")[:255],
        detail=detail[:255],
    )


def too_many(kind: str, *, limit: int, ip: str | None = None, email: str | None = None, hours: int = 1) -> bool:
    """Whether `limit` or more events of `kind` were recorded in the last `hours` from this IP
    address (or, with `email`, for this e-mail address): the one throttle every page uses."""
    recent = SecurityEvent.objects.filter(kind=kind, at__gte=timezone.now() - datetime.timedelta(hours=hours))
    if email is not None:
        recent = recent.filter(email=email.strip().lower())
    elif ip is not None:
        recent = recent.filter(ip_address=ip)
    else:
        return False  # no address to count by: nothing to throttle on
    return recent.count() >= limit


def login_lockout_lift(*, request: HttpRequest, attempt: AccessAttempt, by: User) -> None:
    """An administrator lets an e-mail address try again from an IP address before the lockout
    ends (axes counts failures in AccessAttempt rows: removing the row lifts the lock)."""
    email = attempt.username or ""
    detail = f"from {attempt.ip_address}"
    security_event_record(Kind.UNLOCKED, request=request, user=_person(email), email=email, by=by, detail=detail)
    attempt.delete()


def _person(email: str) -> User | None:
    return User.objects.filter(email=email).first() if email else None


# --- django-axes hooks (named in settings.AXES_*) -------------------------------------------------


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The login form's e-mail address, lower-cased as UserManager stores it, so that one person
    typing their address in different cases is still one username+IP pair to lock."""
    source = credentials or getattr(request, "POST", None) or {}
    value = source.get("username") or source.get("email") or ""
    return str(value).strip().lower() or None


def _lockout_terms() -> tuple[int, int]:
    """(failures allowed, minutes locked), as axes applies them (set from LOGIN_FAILURE_LIMIT and
    LOGIN_LOCKOUT_MINUTES in settings)."""
    return settings.AXES_FAILURE_LIMIT, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    failure_limit, minutes = _lockout_terms()
    context = {"failure_limit": failure_limit, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


# --- Signal receivers (connected when this module is imported, from HomesConfig.ready) -----------


@receiver(user_logged_in, dispatch_uid="homes.security.logged_in")
def _logged_in(sender, request: HttpRequest, user: User, **kwargs) -> None:
    security_event_record(Kind.LOGGED_IN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="homes.security.logged_out")
def _logged_out(sender, request: HttpRequest, user: User | None, **kwargs) -> None:
    if user is not None:
        security_event_record(Kind.LOGGED_OUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="homes.security.login_failed")
def _login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    email = axes_username(request, credentials) or ""
    security_event_record(Kind.LOGIN_FAILED, request=request, user=_person(email), email=email)


@receiver(user_locked_out, dispatch_uid="homes.security.locked_out")
def _locked_out(sender, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs) -> None:
    email = (username or "").lower()
    failure_limit, minutes = _lockout_terms()
    detail = f"{failure_limit} failures: locked for {minutes} minutes"
    security_event_record(Kind.LOCKED_OUT, request=request, user=_person(email), email=email, detail=detail)
