"""Every home on one page, and the model's implementation measures (issue 12, items 1 and 5)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from homes import access
from homes.extensions import IMPLEMENTATION, PROVIDER_OVERVIEW
from oversight.overview import provider_overview as build_overview


@login_required
@require_GET
def provider_overview(request: HttpRequest) -> HttpResponse:
    """Every home on one page, for the people who oversee them all; for anyone else it does not
    exist (404)."""
    if not access.can_see_provider_overview(request.user):
        raise Http404
    homes = list(access.homes_for(request.user).order_by("name"))
    return render(
        request,
        "oversight/provider_overview.html",
        {"overview": build_overview(homes, PROVIDER_OVERVIEW), "title": "All homes", "measures": False},
    )


@login_required
@require_GET
def implementation_measures(request: HttpRequest) -> HttpResponse:
    """The model's implementation measures per home per month, measured from the records, for
    the clinical lead (and the others who oversee every home)."""
    if not access.can_see_provider_overview(request.user):
        raise Http404
    homes = list(access.homes_for(request.user).order_by("name"))
    return render(
        request,
        "oversight/provider_overview.html",
        {"overview": build_overview(homes, IMPLEMENTATION), "title": "Implementation measures", "measures": True},
    )
