"""Sessions that fit a shared iPad: idle and absolute limits, no-store pages, nothing typed lost.

- A person is logged out after settings.SESSION_IDLE_SECONDS without a request (the last one
  recorded to the minute, so that pages do not each save the session) and
  settings.SESSION_ABSOLUTE_SECONDS after logging in. Background polling does not keep a
  session alive (views marked `@session_passive`); an autosave does, because it is the person
  working. A timeout logs out on the server only: the drafts kept in the browser stay (drafts.js
  clears them only when the person logs out), so they are restored after logging in again.
- A POST that meets an ended session returns, after logging in, to the page the form was on
  (the Referer), not to the POST-only address the form was sent to.
- A successful form POST (a redirect, no error message) leaves a short-lived cookie naming the
  address posted to, so drafts.js clears that form's draft on the next page.
- Every response Django answers is sent with Cache-Control: no-store: pages, PDFs and CSVs of
  children's and staff records must not stay in a shared device's cache. Static files never
  reach this middleware (WhiteNoise or the static handler answer them first).
"""

import time
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

LOGIN_AT = "hearth_login_at"
LAST_ACTIVITY = "hearth_last_activity"
ACTIVITY_RESOLUTION_SECONDS = 60
FORM_SAVED_COOKIE = "hearth_form_saved"
FORM_SAVED_COOKIE_MAX_AGE = 300  # read by the very next page; a leftover expires on its own
FORM_SAVED_COOKIE_LIMIT = 5  # addresses kept in the cookie at most

IDLE_ENDED = (
    "You were logged out after {duration} without activity, to keep children's records safe. "
    "Log in again to carry on: what you typed is kept on this device."
)
ABSOLUTE_ENDED = (
    "You were logged out {duration} after logging in, to keep children's records safe. "
    "Log in again to carry on: what you typed is kept on this device."
)

_REDIRECTS = {301, 302, 303, 307, 308}


def session_passive(view: Callable) -> Callable:
    """Requests to this view do not count as activity (e.g. progress polling), so a page left
    open does not keep a session alive for ever. The idle and absolute limits still apply."""
    view.session_passive = True
    return view


def describe_duration(seconds: int) -> str:
    """'30 minutes', '12 hours', '1 minute': for messages built from the settings."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} second{'' if seconds == 1 else 's'}"


def seconds_left(session: SessionBase, now: float | None = None) -> tuple[int, int]:
    """(idle, absolute) seconds before this session ends; zero or less means it has ended."""
    now = int(time.time()) if now is None else now  # whole seconds, as the clocks are kept
    last = session.get(LAST_ACTIVITY, now)
    started = session.get(LOGIN_AT, now)
    return (
        int(last + settings.SESSION_IDLE_SECONDS - now),
        int(started + settings.SESSION_ABSOLUTE_SECONDS - now),
    )


@receiver(user_logged_in)
def _start_the_clocks(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[LAST_ACTIVITY] = now


class SessionLimitsMiddleware:
    """Ends sessions past the idle or absolute limit, records activity, keeps `next` useful and
    marks successful form posts for drafts.js. Placed after the authentication and message
    middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        was_authenticated = request.user.is_authenticated
        if was_authenticated:
            was_authenticated = not self._ended(request)
        response = self.get_response(request)
        if request.method == "POST" and response.status_code in _REDIRECTS:
            if was_authenticated and request.user.is_authenticated and not _error_queued(request):
                _mark_form_saved(request, response)
            elif not was_authenticated and not request.user.is_authenticated:  # not a log-in or log-out
                _return_to_the_form_page(request, response)
        return response

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs) -> None:
        if request.user.is_authenticated and not getattr(view_func, "session_passive", False):
            now = int(time.time())
            # Written at most once a minute (a tenth of the idle limit, if that is shorter): a
            # minute is nothing against the limit, and otherwise every page would save the
            # session (an UPDATE and a COMMIT) only to move this clock by a few seconds (issue 14).
            resolution = min(ACTIVITY_RESOLUTION_SECONDS, settings.SESSION_IDLE_SECONDS // 10)
            if now - request.session.get(LAST_ACTIVITY, 0) >= resolution:
                request.session[LAST_ACTIVITY] = now

    @staticmethod
    def _ended(request: HttpRequest) -> bool:
        """Log out a session past either limit; True if it was."""
        session = request.session
        now = int(time.time())
        # Sessions from before these limits existed have no clocks yet: they start now.
        session.setdefault(LOGIN_AT, now)
        session.setdefault(LAST_ACTIVITY, now)
        idle, absolute = seconds_left(session, now)
        if absolute <= 0:
            message = ABSOLUTE_ENDED.format(duration=describe_duration(settings.SESSION_ABSOLUTE_SECONDS))
        elif idle <= 0:
            message = IDLE_ENDED.format(duration=describe_duration(settings.SESSION_IDLE_SECONDS))
        else:
            return False
        logout(request)
        messages.info(request, message)
        return True


def _error_queued(request: HttpRequest) -> bool:
    """Did the view add an error message (e.g. 'the window closed while the form was open')? Then
    the post did not succeed and the draft must stay. Reads the storage's queue without marking
    messages as shown (iterating the storage would)."""
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])
    return any(message.level >= messages.WARNING for message in queued)


def _mark_form_saved(request: HttpRequest, response: HttpResponse) -> None:
    """'person id:address' entries, so drafts.js clears only that person's draft of that form."""
    entry = f"{request.user.pk}:{quote(request.path, safe='')}"
    kept = [e for e in request.COOKIES.get(FORM_SAVED_COOKIE, "").split(",") if e and e != entry]
    value = ",".join([*kept[-(FORM_SAVED_COOKIE_LIMIT - 1) :], entry])
    # Read by JavaScript (drafts.js), so not HttpOnly; it names an address, never content.
    response.set_cookie(
        FORM_SAVED_COOKIE,
        value,
        max_age=FORM_SAVED_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )


def _return_to_the_form_page(request: HttpRequest, response: HttpResponse) -> None:
    """A form posted after the session ended is sent to the login page with next=<its action>,
    which may be POST-only (e.g. signing a review): after logging in, the person would meet a
    405 instead of their form and its draft. Send them back to the page the form was on."""
    location = urlsplit(response.get("Location", ""))
    if location.path != resolve_url(settings.LOGIN_URL):
        return
    referer = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure()):
        return
    page = urlsplit(referer)
    if page.path == location.path:
        return
    query = QueryDict(mutable=True)
    query["next"] = page.path + (f"?{page.query}" if page.query else "")
    response["Location"] = f"{location.path}?{query.urlencode(safe='/')}"  # as redirect_to_login writes it


class NoStoreMiddleware:
    """Cache-Control: no-store (with no-cache, must-revalidate, private, max-age=0) on every
    response Django answers, for signed-in people and access-code downloads alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):  # a view may have said so already
            add_never_cache_headers(response)
        return response
