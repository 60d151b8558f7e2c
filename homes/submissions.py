"""Create forms make one record per rendered form, however often it is submitted.

Each render of a create form carries a fresh token (`{% submission_token %}`, an ordinary hidden
input). The view is wrapped in `@create_once`: a submit whose token has already saved something
(a double tap, back and resubmit, the same page in two tabs) runs nothing and goes where the
first submit went, with ALREADY_SAVED. Two submits racing with the same token both run, but the
token's unique constraint lets only one commit: the other's transaction, with the record it made,
is rolled back.

Opting in: `@create_once` under the view's method decorator, and `{% submission_token %}` after
`{% csrf_token %}` in its form. A submit counts as saved when the view redirects without an
error message (a view that shows the saved record in place calls `mark_saved(request, url)`).
A POST without a token (an API-like client, a page rendered before this existed) is let through
unprotected rather than refused."""

import datetime
import functools
import re
import secrets
from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from homes.models import SubmissionToken

TOKEN_FIELD = "submission_token"
ALREADY_SAVED = "This was already saved: it has not been saved a second time."
# Long enough for any back-and-resubmit on a shared iPad; tokens are only worth keeping that long.
KEEP_TOKENS_FOR = datetime.timedelta(days=2)
_WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{16,64}")
_REDIRECTS = {301, 302, 303, 307, 308}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def mark_saved(request: HttpRequest, redirect_to: str) -> None:
    """For a create view that answers a successful submit with a page rather than a redirect:
    a second submit of the same form goes to `redirect_to`."""
    request._submission_saved_at = redirect_to


def _saved_at(request: HttpRequest, response: HttpResponse) -> str | None:
    if getattr(request, "_submission_saved_at", None):
        return request._submission_saved_at
    if response.status_code not in _REDIRECTS:
        return None  # the form is shown again with its errors: the token stays usable
    queued = getattr(messages.get_messages(request), "_queued_messages", [])
    if any(message.level >= messages.ERROR for message in queued):
        return None  # redirected back with an error: nothing was saved
    return response["Location"]


def _already_saved(request: HttpRequest, earlier: SubmissionToken) -> HttpResponse:
    messages.info(request, ALREADY_SAVED)
    target = earlier.redirect_to
    mine = earlier.user_id == request.user.pk
    if not mine or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = request.path
    return redirect(target)


def _prune() -> None:
    SubmissionToken.objects.filter(created_at__lt=timezone.now() - KEEP_TOKENS_FOR).delete()


def create_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a create view (see the module's docstring)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
        if not _WELL_FORMED.fullmatch(token) or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        earlier = SubmissionToken.objects.filter(token=token).first()
        if earlier is not None:
            return _already_saved(request, earlier)
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                saved_at = _saved_at(request, response)
                if saved_at is not None:
                    SubmissionToken.objects.create(token=token, user=request.user, redirect_to=saved_at)
                    _prune()
                return response
        except IntegrityError:
            # Lost the race to a submit with the same token: everything this one did is undone.
            earlier = SubmissionToken.objects.filter(token=token).first()
            if earlier is None:
                raise  # another constraint: not ours to answer
            return _already_saved(request, earlier)

    return wrapped
