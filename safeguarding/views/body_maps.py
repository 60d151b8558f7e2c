from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access
from homes.submissions import create_once
from safeguarding.forms.body_map import BodyMapForm, BodyMarkForm
from safeguarding.models import BodyMap, BodyMark, Incident, IncidentChild, MissingEpisode
from safeguarding.services import body_maps as services

LIST_PAGE_SIZE = 20


def _marks() -> Prefetch:
    return Prefetch("marks", queryset=BodyMark.objects.select_related("recorded_by").order_by("pk"))


def _get_body_map(request: HttpRequest, body_map_id: int) -> BodyMap:
    maps = access.body_maps_for(request.user).select_related("child__home", "author", "missing_episode")
    return access.get_for_children(request.user, maps.prefetch_related(_marks()), body_map_id)


@login_required
@require_GET
def body_map_list(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    maps = (
        access.body_maps_for(request.user)
        .filter(child=child)
        .select_related("author")
        .prefetch_related(_marks())
        .order_by("-seen_at", "-pk")
    )
    page = Paginator(maps, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    for body_map in page:
        body_map.drawing = services.body_map_drawing(list(body_map.marks.all()))
        body_map.drawing_id = f"map-{body_map.pk}"
    return render(
        request,
        "safeguarding/body_map/list.html",
        {"child": child, "maps": page, "can_record": access.can_record_body_map(request.user, child)},
    )


def _missing_episode(request: HttpRequest, child) -> MissingEpisode | None:
    """The missing episode a body map is recorded on return from (`?missing=<id>`): the child's
    own, or 404."""
    episode_id = request.GET.get("missing") or request.POST.get("missing")
    if not episode_id:
        return None
    try:
        return access.missing_episodes_for(request.user).get(pk=int(episode_id), child=child)
    except (ValueError, MissingEpisode.DoesNotExist):
        raise Http404 from None


def _incident(request: HttpRequest, child) -> Incident | None:
    """The incident a body map is recorded after (`?incident=<id>`): one the child was part of and
    the person may read, or 404."""
    incident_id = request.GET.get("incident") or request.POST.get("incident")
    if not incident_id:
        return None
    try:
        return access.incident_parts_for(request.user).get(incident_id=int(incident_id), child=child).incident
    except (ValueError, IncidentChild.DoesNotExist):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def body_map_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_record_body_map(request.user, child))
    episode = _missing_episode(request, child)
    incident = None if episode else _incident(request, child)
    form = BodyMapForm(
        request.POST if request.method == "POST" else None,
        child=child,
        user=request.user,
        for_missing_return=episode is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            body_map = services.body_map_record(
                child=child,
                author=request.user,
                missing_episode=episode,
                incident=incident,
                marks=[{"position": form.position(), **form.mark_fields()}],
                **form.map_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Body map for {child.preferred_name} signed and saved.")
            return redirect("body_map_detail", body_map_id=body_map.pk)
    access.log_read(request.user, child)
    return render(
        request,
        "safeguarding/body_map/form.html",
        {
            "form": form,
            "child": child,
            "episode": episode,
            "incident": incident,
            "drawing": services.body_map_drawing([]),
        },
    )


@login_required
@require_GET
def body_map_detail(request: HttpRequest, body_map_id: int) -> HttpResponse:
    body_map = _get_body_map(request, body_map_id)
    access.log_read(request.user, body_map)
    marks = list(body_map.marks.all())
    return render(
        request,
        "safeguarding/body_map/detail.html",
        {
            "body_map": body_map,
            "child": body_map.child,
            "marks": marks,
            "drawing": services.body_map_drawing(marks),
            "can_record": access.can_record_body_map(request.user, body_map.child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def body_mark_add(request: HttpRequest, body_map_id: int) -> HttpResponse:
    body_map = _get_body_map(request, body_map_id)
    child = body_map.child
    access.require(access.can_record_body_map(request.user, child))
    form = BodyMarkForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.body_mark_add(
                body_map=body_map, recorded_by=request.user, position=form.position(), **form.mark_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The mark has been added and signed with your name.")
            return redirect("body_map_detail", body_map_id=body_map.pk)
    access.log_read(request.user, body_map)
    marks = list(body_map.marks.all())
    return render(
        request,
        "safeguarding/body_map/form.html",
        {
            "form": form,
            "child": child,
            "body_map": body_map,
            "episode": body_map.missing_episode,
            "drawing": services.body_map_drawing(marks),
        },
    )
