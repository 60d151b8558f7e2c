from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from homes import access, concurrency
from homes.submissions import create_once
from shifts.forms import FlagForm, FlagResolveForm, HandoverForm, HandoverStartForm
from shifts.models import Handover, HandoverFlag
from shifts.services import handover as services
from shifts.services.shift_pattern import current_shift

LIST_PAGE_SIZE = 20
COMPLETE = "complete"


def _get_handover(request: HttpRequest, handover_id: int) -> Handover:
    handovers = access.handovers_for(request.user).select_related("home", "shift", "completed_by", "started_by")
    return get_object_or_404(handovers, pk=handover_id)


def _log_children_read(request: HttpRequest, sections, flags=()) -> None:
    """A handover names children and says how their shift went: log a read of each one named."""
    ids = {item.child_id for section in sections for item in section.items if item.child_id}
    ids |= {flag.child_id for flag in flags if flag.child_id}
    if ids:
        access.log_reads(request.user, access.children_for(request.user).filter(pk__in=ids))


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def handover_list(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's handovers, newest first, with who has read each; and the form to start the
    handover of a shift (or open it, if someone has already started it)."""
    home = access.get_home_for(request.user, home_id)
    can_write = access.can_write_handover(request.user, home)
    form = HandoverStartForm(request.POST if request.method == "POST" else None, home=home, shift=current_shift(home))
    if request.method == "POST":
        access.require(can_write)
        if form.is_valid():
            try:
                handover, _ = services.handover_start(home=home, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("handover_detail", handover_id=handover.pk)
    handovers = (
        access.handovers_for(request.user)
        .filter(home=home)
        .select_related("shift", "completed_by")
        .prefetch_related("reads__reader")
    )
    return render(
        request,
        "shifts/handover/list.html",
        {
            "home": home,
            "form": form,
            "can_write": can_write,
            "handovers": Paginator(handovers, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_detail(request: HttpRequest, handover_id: int) -> HttpResponse:
    """One shift's handover: what the records say (as completed, or as they are while it is
    written), the outgoing shift's own words, and who of the incoming shift has read it."""
    handover = _get_handover(request, handover_id)
    home = handover.home
    can_write = access.can_write_handover(request.user, home)
    form = HandoverForm(request.POST if request.method == "POST" else None, instance=handover)
    changes = None
    if request.method == "POST":
        access.require(can_write)
        if form.is_valid():
            complete = request.POST.get("action") == COMPLETE
            try:
                services.handover_save(handover=handover, user=request.user, complete=complete, **form.cleaned_data)
            except concurrency.StaleEdit as stale:
                (form,), changes = concurrency.theirs_beside_yours(
                    request, stale, editor=lambda current, data: [HandoverForm(data, instance=current)], yours=[form]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("handover_detail", handover_id=handover.pk)
            else:
                said = "completed and signed: the next shift can read it now" if complete else "saved"
                messages.success(request, f"The handover has been {said}.")
                return redirect("handover_detail", handover_id=handover.pk)
    sections = services.handover_sections_of(handover)
    _log_children_read(request, sections)
    reads = list(handover.reads.select_related("reader"))
    return render(
        request,
        "shifts/handover/detail.html",
        {
            "handover": handover,
            "home": home,
            "handover_list_url": reverse("handover_list", args=[home.pk]),
            "sections": sections,
            "form": form if can_write and not handover.is_completed else None,
            "changes": changes,
            "reads": reads,
            "can_mark_read": can_write
            and handover.is_completed
            and not any(read.reader_id == request.user.pk for read in reads),
        },
    )


@login_required
@require_POST
def handover_mark_read(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = _get_handover(request, handover_id)
    access.require(access.can_write_handover(request.user, handover.home))
    try:
        services.handover_mark_read(handover=handover, reader=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Marked as read: the team can see you have read the handover.")
    return redirect("handover_detail", handover_id=handover.pk)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def handover_flag_add(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_write_handover(request.user, home))
    form = FlagForm(request.POST if request.method == "POST" else None, instance=HandoverFlag(home=home))
    if request.method == "POST" and form.is_valid():
        services.handover_flag_raise(home=home, raised_by=request.user, **form.cleaned_data)
        messages.success(
            request, "The flag is raised: it stays on the handover and the before-shift sheet until resolved."
        )
        return redirect("shifts_home", home_id=home.pk)
    access.log_reads(request.user, form.fields["child"].queryset)  # the form lists the home's children
    return render(request, "shifts/flag_form.html", {"home": home, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def handover_flag_resolve(request: HttpRequest, flag_id: int) -> HttpResponse:
    flags = access.handover_flags_for(request.user).select_related("home", "child", "raised_by", "resolved_by")
    flag = get_object_or_404(flags, pk=flag_id)
    home = flag.home
    can_resolve = access.can_write_handover(request.user, home) and flag.is_open
    form = FlagResolveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access.require(access.can_write_handover(request.user, home))
        if form.is_valid():
            try:
                services.handover_flag_resolve(flag=flag, resolved_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "The flag is resolved.")
            return redirect("shifts_home", home_id=home.pk)
    if flag.child_id:
        access.log_read(request.user, flag)
    return render(
        request, "shifts/flag_resolve.html", {"home": home, "flag": flag, "form": form, "can_resolve": can_resolve}
    )
