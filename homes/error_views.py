"""The page for a refused form post (settings.CSRF_FAILURE_VIEW). Hearth's 403, 404 and 500
pages are Django's handlers with templates/403.html, 404.html and 500.html."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own page says "CSRF verification failed": this one says what to do. The reason is
    for developers, so it is not shown."""
    return render(request, "403_csrf.html", status=403)
