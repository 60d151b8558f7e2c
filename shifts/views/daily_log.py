import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access
from homes.submissions import create_once
from shifts.forms import DailyLogForm
from shifts.models import DailyLog, ShiftPattern
from shifts.services import daily_log as services
from shifts.services.shift_pattern import current_shift

LIST_PAGE_SIZE = 20


@login_required
@require_GET
def daily_log_list(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    logs = child.daily_logs.filter(archived=False).select_related("shift", "author")
    return render(
        request,
        "shifts/daily_log/list.html",
        {
            "child": child,
            "logs": Paginator(logs, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
            "can_write": access.can_write_daily_log(request.user, child),
        },
    )


def _shift_asked(request: HttpRequest, child) -> tuple | None:
    """The shift named in the address (?shift=&date=, from the home's shift page), or the one
    running now."""
    try:
        pattern = child.home.shift_patterns.get(pk=int(request.GET["shift"]), active=True)
        day = datetime.date.fromisoformat(request.GET["date"])
    except (KeyError, ValueError, TypeError, OverflowError, ShiftPattern.DoesNotExist):
        return current_shift(child.home)
    return pattern, day


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def daily_log_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_write_daily_log(request.user, child))
    access.log_read(request.user, child)
    form = DailyLogForm(
        request.POST if request.method == "POST" else None,
        instance=DailyLog(child=child),
        shift=None if request.method == "POST" else _shift_asked(request, child),
    )
    if request.method == "POST" and form.is_valid():
        try:
            log = services.daily_log_write(child=child, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"{child.preferred_name}'s log for the {log.shift.name} shift is signed and saved."
            )
            return redirect("daily_log_detail", daily_log_id=log.pk)
    return render(request, "shifts/daily_log/form.html", {"form": form, "child": child})


@login_required
@require_GET
def daily_log_detail(request: HttpRequest, daily_log_id: int) -> HttpResponse:
    log = access.get_daily_log_for(request.user, daily_log_id)
    access.log_read(request.user, log)
    return render(
        request,
        "shifts/daily_log/detail.html",
        {"log": log, "child": log.child, "can_edit": access.can_edit_daily_log(request.user, log)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def daily_log_edit(request: HttpRequest, daily_log_id: int) -> HttpResponse:
    log = access.get_daily_log_for(request.user, daily_log_id)
    child = log.child
    access.require(log.author_id == request.user.pk and access.can_write_daily_log(request.user, child))
    if not log.is_editable():
        messages.info(request, services.EDIT_WINDOW_CLOSED)
        return redirect("daily_log_detail", daily_log_id=log.pk)
    form = DailyLogForm(request.POST if request.method == "POST" else None, instance=log)
    if request.method == "POST" and form.is_valid():
        try:
            services.daily_log_edit(log=log, editor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your correction has been saved.")
            return redirect("daily_log_detail", daily_log_id=log.pk)
    access.log_read(request.user, log)
    return render(request, "shifts/daily_log/form.html", {"form": form, "child": child, "log": log})
