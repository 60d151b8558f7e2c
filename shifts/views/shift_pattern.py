from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from homes import access, concurrency
from homes.submissions import create_once
from shifts.forms import ShiftPatternEditForm, ShiftPatternForm
from shifts.models import ShiftPattern
from shifts.services import shift_pattern as services


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def shift_pattern(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's shifts, and (for its managers) the form to add one."""
    home = access.get_home_for(request.user, home_id)
    can_manage = access.can_manage_shift_pattern(request.user, home)
    form = ShiftPatternForm(request.POST if request.method == "POST" else None, instance=ShiftPattern(home=home))
    if request.method == "POST":
        access.require(can_manage)
        if form.is_valid():
            pattern = services.shift_pattern_add(home=home, user=request.user, **form.cleaned_data)
            messages.success(request, f"The {pattern.name} shift has been added.")
            return redirect("shift_pattern", home_id=home.pk)
    return render(
        request,
        "shifts/shift_pattern.html",
        {"home": home, "patterns": home.shift_patterns.all(), "form": form, "can_manage": can_manage},
    )


@login_required
@require_POST
def shift_pattern_start_usual(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_manage_shift_pattern(request.user, home))
    try:
        services.shift_pattern_start_usual(home=home, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, "Early, late and waking-night shifts have been set: change their times if yours differ."
        )
    return redirect("shift_pattern", home_id=home.pk)


@login_required
@require_http_methods(["GET", "POST"])
def shift_pattern_edit(request: HttpRequest, shift_id: int) -> HttpResponse:
    pattern = get_object_or_404(access.shift_patterns_for(request.user).select_related("home"), pk=shift_id)
    home = pattern.home
    access.require(access.can_manage_shift_pattern(request.user, home))
    form = ShiftPatternEditForm(request.POST if request.method == "POST" else None, instance=pattern)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_pattern_update(pattern=pattern, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [ShiftPatternEditForm(data, instance=current)],
                yours=[form],
            )
        else:
            messages.success(request, f"The {pattern.name} shift has been saved.")
            return redirect("shift_pattern", home_id=home.pk)
    return render(
        request, "shifts/shift_pattern_edit.html", {"home": home, "pattern": pattern, "form": form, "changes": changes}
    )
