from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from homes import access
from shifts import language
from shifts.measure import recent_shares, share_chart
from shifts.models import LanguagePhrase


@login_required
@require_GET
@cache_control(private=True, max_age=300)
def language_phrases(request: HttpRequest) -> JsonResponse:
    """The provider's active phrases, for static/js/language-check.js: no child's record in it."""
    return JsonResponse({"phrases": language.phrase_list()})


@login_required
@require_GET
def language_guide(request: HttpRequest) -> HttpResponse:
    """Every phrase the check suggests an alternative for, and why: a reference for staff; the
    provider's administrators edit the list in Set-up."""
    phrases = LanguagePhrase.objects.filter(active=True)
    return render(request, "shifts/language_guide.html", {"phrases": phrases})


def home_panel_context(user, home) -> dict | None:
    """The home page's part: the last six months' share of entries using a flagged phrase."""
    if not access.homes_for(user).filter(pk=home.pk).exists():
        return None
    shares = recent_shares(home, timezone.localdate())
    if not any(share.entries for share in shares):
        return None
    return {
        "shares": shares,
        "chart": share_chart(shares, home),
        "chart_id": f"language-{home.pk}",
        "latest": shares[-1],
        "previous": shares[-2] if len(shares) > 1 else None,
    }
