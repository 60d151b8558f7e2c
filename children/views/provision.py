from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from children.charts import monthly_percent_bars
from children.forms.provision import ArrangementEditForm, ArrangementForm, SessionForm
from children.models import ProvisionArrangement, ProvisionSession
from children.services import provision as services
from homes import access, concurrency
from homes.submissions import create_once

REGISTER_PAGE_SIZE = 30


def _get_arrangement(request: HttpRequest, arrangement_id: int) -> ProvisionArrangement:
    arrangements = ProvisionArrangement.objects.select_related("child__home")
    return access.get_for_children(request.user, arrangements, arrangement_id)


@login_required
@require_GET
def provision_overview(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    attendance = services.attendance_by_month(child)
    shown = {item.arrangement.pk for item in attendance}
    return render(
        request,
        "children/provision/overview.html",
        {
            "child": child,
            "attendance": [
                (
                    item,
                    monthly_percent_bars(
                        [(m.month, m.percent) for m in item.months], title="Attendance by month, percent"
                    ),
                    f"attendance-{item.arrangement.pk}",
                )
                for item in attendance
            ],
            # Arrangements that ended before the chart's months still belong on the page.
            "earlier": [a for a in child.provision_arrangements.filter(archived=False) if a.pk not in shown],
            "can_arrange": access.can_arrange_provision(request.user, child),
            "can_record": access.can_log_daily_work(request.user, child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def provision_arrangement_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_arrange_provision(request.user, child))
    access.log_read(request.user, child)
    form = ArrangementForm(
        request.POST if request.method == "POST" else None, instance=ProvisionArrangement(child=child)
    )
    if request.method == "POST" and form.is_valid():
        arrangement = services.provision_arrangement_create(child=child, created_by=request.user, **form.cleaned_data)
        messages.success(request, f"{arrangement} has been added to {child.preferred_name}'s provision.")
        return redirect("provision_arrangement", arrangement_id=arrangement.pk)
    return render(request, "children/provision/arrangement_form.html", {"form": form, "child": child})


@login_required
@require_http_methods(["GET", "POST"])
def provision_arrangement_edit(request: HttpRequest, arrangement_id: int) -> HttpResponse:
    arrangement = _get_arrangement(request, arrangement_id)
    child = arrangement.child
    access.require(access.can_arrange_provision(request.user, child))
    form = ArrangementEditForm(request.POST if request.method == "POST" else None, instance=arrangement)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.provision_arrangement_update(arrangement=arrangement, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [ArrangementEditForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(request, "The arrangement has been saved.")
            return redirect("provision_arrangement", arrangement_id=arrangement.pk)
    access.log_read(request.user, arrangement)
    return render(
        request,
        "children/provision/arrangement_form.html",
        {"form": form, "child": child, "arrangement": arrangement, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def provision_arrangement(request: HttpRequest, arrangement_id: int) -> HttpResponse:
    """An arrangement's register, with the form to fill in a day."""
    arrangement = _get_arrangement(request, arrangement_id)
    child = arrangement.child
    can_record = access.can_log_daily_work(request.user, child)
    form = None
    if request.method == "POST":
        access.require(can_record)
        form = SessionForm(request.POST, instance=ProvisionSession(arrangement=arrangement))
        if form.is_valid():
            session, created = services.provision_session_record(
                arrangement=arrangement, recorded_by=request.user, **form.cleaned_data
            )
            verb = "recorded" if created else "corrected"
            messages.success(
                request, f"{session.date:%-d %B %Y} {verb} in the register: {session.get_status_display().lower()}."
            )
            return redirect("provision_arrangement", arrangement_id=arrangement.pk)
    elif can_record:
        form = SessionForm(
            instance=ProvisionSession(arrangement=arrangement),
            initial={"date": timezone.localdate(), "status": ProvisionSession.Status.ATTENDED},
        )
    sessions = arrangement.sessions.select_related("recorded_by")
    access.log_read(request.user, arrangement)
    return render(
        request,
        "children/provision/arrangement.html",
        {
            "arrangement": arrangement,
            "child": child,
            "form": form,
            "sessions": Paginator(sessions, REGISTER_PAGE_SIZE).get_page(request.GET.get("page")),
            "can_arrange": access.can_arrange_provision(request.user, child),
        },
    )
