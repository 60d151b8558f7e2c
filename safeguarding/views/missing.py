from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, concurrency
from homes.submissions import create_once
from safeguarding.forms.missing import (
    MissingCloseForm,
    MissingEditForm,
    MissingEpisodeForm,
    MissingReturnForm,
    MissingUpdateForm,
    ReturnInterviewEditForm,
    ReturnInterviewForm,
)
from safeguarding.models import BodyMap, MissingEpisode, MissingUpdate, ReturnInterview
from safeguarding.services import missing as services

LIST_PAGE_SIZE = 20


def _get_episode(request: HttpRequest, missing_id: int) -> MissingEpisode:
    episodes = access.missing_episodes_for(request.user).select_related(
        "child__home", "author", "return_recorded_by", "revised_by", "closed_by"
    )
    return access.get_for_children(request.user, episodes, missing_id)


def _interview(episode: MissingEpisode) -> ReturnInterview | None:
    try:
        return episode.return_interview
    except ReturnInterview.DoesNotExist:
        return None


@login_required
@require_GET
def missing_list(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    episodes = (
        access.missing_episodes_for(request.user)
        .filter(child=child)
        .select_related("return_interview")
        .annotate(update_count=Count("updates"))
        .order_by("-noticed_missing_at", "-pk")
    )
    page = Paginator(episodes, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for episode in page:
        episode.clock = None if _interview(episode) else services.interview_clock(episode, now)
        episode.missing_for = services.missing_for(episode, now) if episode.is_open else ""
    return render(
        request,
        "safeguarding/missing/list.html",
        {"child": child, "episodes": page, "can_record": access.can_record_missing(request.user, child)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def missing_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_record_missing(request.user, child))
    form = MissingEpisodeForm(request.POST if request.method == "POST" else None, instance=MissingEpisode(child=child))
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.missing_episode_open(child=child, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{child.preferred_name} is recorded as missing. Add updates as you learn more.")
            return redirect("missing_detail", missing_id=episode.pk)
    access.log_read(request.user, child)
    return render(request, "safeguarding/missing/form.html", {"form": form, "child": child})


def _closed(request: HttpRequest, episode: MissingEpisode) -> HttpResponse | None:
    """A closed episode is read-only: its forms lead back to it, saying so."""
    if not episode.is_closed:
        return None
    messages.info(request, services.EPISODE_CLOSED)
    return redirect("missing_detail", missing_id=episode.pk)


def _render_detail(request: HttpRequest, episode: MissingEpisode, close_form: MissingCloseForm | None = None):
    access.log_read(request.user, episode)
    child = episode.child
    interview = ReturnInterview.objects.select_related("recorded_by", "risk_assessment").filter(episode=episode).first()
    now = timezone.now()
    open_to_change = not episode.is_closed
    can_close = open_to_change and not episode.is_open and access.can_close_missing(request.user, child)
    return render(
        request,
        "safeguarding/missing/detail.html",
        {
            "episode": episode,
            "child": child,
            "updates": list(MissingUpdate.objects.filter(episode=episode).select_related("author")),
            "body_maps": list(
                BodyMap.objects.filter(missing_episode=episode, archived=False).annotate(mark_count=Count("marks"))
            ),
            "interview": interview,
            "clock": None if interview else services.interview_clock(episode, now),
            "missing_for": services.missing_for(episode, now) if episode.is_open else "",
            "can_record": open_to_change and access.can_record_missing(request.user, child),
            "can_body_map": open_to_change and access.can_record_body_map(request.user, child),
            "can_close": can_close,
            "close_form": close_form or (MissingCloseForm() if can_close else None),
        },
    )


@login_required
@require_GET
def missing_detail(request: HttpRequest, missing_id: int) -> HttpResponse:
    return _render_detail(request, _get_episode(request, missing_id))


@login_required
@require_POST
def missing_close(request: HttpRequest, missing_id: int) -> HttpResponse:
    """The manager's review and signature, which closes a returned episode (read-only after)."""
    episode = _get_episode(request, missing_id)
    access.require(access.can_close_missing(request.user, episode.child))
    if closed := _closed(request, episode):
        return closed
    form = MissingCloseForm(request.POST)
    if form.is_valid():
        try:
            services.missing_episode_close(episode=episode, manager=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The episode is reviewed, signed and closed.")
            return redirect("missing_detail", missing_id=episode.pk)
    return _render_detail(request, episode, close_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def missing_edit(request: HttpRequest, missing_id: int) -> HttpResponse:
    episode = _get_episode(request, missing_id)
    access.require(access.can_record_missing(request.user, episode.child))
    if closed := _closed(request, episode):
        return closed
    form = MissingEditForm(request.POST if request.method == "POST" else None, instance=episode)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        revision = fields.pop("revision")
        try:
            services.missing_episode_update(episode=episode, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [MissingEditForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(request, "The episode has been saved.")
            return redirect("missing_detail", missing_id=episode.pk)
    access.log_read(request.user, episode)
    return render(
        request,
        "safeguarding/missing/form.html",
        {"form": form, "child": episode.child, "episode": episode, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
def missing_return(request: HttpRequest, missing_id: int) -> HttpResponse:
    episode = _get_episode(request, missing_id)
    child = episode.child
    access.require(access.can_record_missing(request.user, child))
    if closed := _closed(request, episode):
        return closed
    if episode.returned_at is not None:
        messages.info(request, services.ALREADY_RETURNED.format(child=child.preferred_name))
        return redirect("missing_detail", missing_id=episode.pk)
    form = MissingReturnForm(request.POST if request.method == "POST" else None, instance=episode)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        revision = fields.pop("revision")
        try:
            services.missing_return_record(episode=episode, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [MissingReturnForm(data, instance=current)], yours=[form]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{child.preferred_name} is back. Offer the return home interview within 72 hours; "
                "record a body map if there are marks or injuries.",
            )
            return redirect("missing_detail", missing_id=episode.pk)
    access.log_read(request.user, episode)
    return render(
        request,
        "safeguarding/missing/return_form.html",
        {"form": form, "child": child, "episode": episode, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def missing_update_add(request: HttpRequest, missing_id: int) -> HttpResponse:
    episode = _get_episode(request, missing_id)
    child = episode.child
    access.require(access.can_record_missing(request.user, child))
    if closed := _closed(request, episode):
        return closed
    form = MissingUpdateForm(
        request.POST if request.method == "POST" else None, instance=MissingUpdate(episode=episode)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.missing_update_add(episode=episode, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The update has been added.")
            return redirect("missing_detail", missing_id=episode.pk)
    access.log_read(request.user, episode)
    return render(request, "safeguarding/missing/update_form.html", {"form": form, "child": child, "episode": episode})


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def return_interview(request: HttpRequest, missing_id: int) -> HttpResponse:
    """Record the return home interview, or add to the one recorded (its outcome, later)."""
    episode = _get_episode(request, missing_id)
    child = episode.child
    access.require(access.can_record_missing(request.user, child))
    if closed := _closed(request, episode):
        return closed
    if episode.returned_at is None:
        messages.info(request, services.NOT_RETURNED_YET.format(child=child.preferred_name))
        return redirect("missing_detail", missing_id=episode.pk)
    existing = _interview(episode)
    data = request.POST if request.method == "POST" else None
    if existing is None:
        form = ReturnInterviewForm(data, instance=ReturnInterview(episode=episode))
    else:
        form = ReturnInterviewEditForm(data, instance=existing)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            if existing is None:
                services.return_interview_record(episode=episode, recorded_by=request.user, **fields)
            else:
                revision = fields.pop("revision")
                services.return_interview_update(interview=existing, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [ReturnInterviewEditForm(data, instance=current)],
                yours=[form],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The return home interview has been saved.")
            return redirect("missing_detail", missing_id=episode.pk)
    access.log_read(request.user, episode)
    return render(
        request,
        "safeguarding/missing/interview_form.html",
        {"form": form, "child": child, "episode": episode, "interview": existing, "changes": changes},
    )
