from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.forms import AdverseExperienceForm, HistoryForm
from assessments.models import AdverseExperience, DevelopmentalHistory, HistoryPeriod
from assessments.services import history as services
from homes import access, concurrency
from homes.submissions import create_once


def _history(child) -> DevelopmentalHistory | None:
    return (
        DevelopmentalHistory.objects.filter(child=child)
        .select_related("updated_by")
        .prefetch_related("periods")
        .first()
    )


@login_required
@require_GET
def history_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    """The developmental history by period, and the adverse childhood experiences checklist."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    history = _history(child)
    answers = {row.period: row for row in history.periods.all()} if history else {}
    experiences = list(
        access.for_children(request.user, AdverseExperience.objects.filter(child=child, archived=False))
        .select_related("recorded_by")
        .order_by("category", "recorded_at")
    )
    recorded = {e.category for e in experiences}
    return render(
        request,
        "assessments/history_detail.html",
        {
            "child": child,
            "history": history,
            "periods": [(HistoryPeriod.Period(p).label, answers.get(p)) for p in services.askable_periods(child)],
            "experiences": experiences,
            "not_recorded": [
                label
                for value, label in AdverseExperience.Category.choices
                if value not in recorded and value != AdverseExperience.Category.OTHER
            ],
            "can_assess": access.can_assess(request.user, child),
        },
    )


def _history_form(child, history: DevelopmentalHistory | None, data) -> HistoryForm:
    initial = {"summary": history.summary if history else "", "revision": history.revision if history else 1}
    for row in history.periods.all() if history else []:
        initial.update(
            {
                f"{row.period}-adversity": row.adversity,
                f"{row.period}-relational_health": row.relational_health,
                f"{row.period}-notes": row.notes,
            }
        )
    return HistoryForm(data, initial=initial, periods=services.askable_periods(child))


@login_required
@require_http_methods(["GET", "POST"])
def history_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_assess(request.user, child))
    form = _history_form(child, _history(child), request.POST if request.method == "POST" else None)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.history_save(
                child=child,
                user=request.user,
                revision=form.cleaned_data["revision"],
                summary=form.cleaned_data["summary"],
                periods=form.period_answers(),
            )
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [_history_form(child, current, data)], yours=[form]
            )
        else:
            messages.success(request, f"{child.preferred_name}'s developmental history has been saved.")
            return redirect("history_detail", child_id=child.pk)
    access.log_read(request.user, child)
    return render(request, "assessments/history_edit.html", {"child": child, "form": form, "changes": changes})


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def adverse_experience_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_assess(request.user, child))
    access.log_read(request.user, child)
    form = AdverseExperienceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.adverse_experience_record(child=child, user=request.user, **form.cleaned_data)
        messages.success(request, "The experience has been added to the checklist.")
        return redirect("history_detail", child_id=child.pk)
    return render(request, "assessments/adverse_experience_form.html", {"child": child, "form": form})


@login_required
@require_POST
def adverse_experience_withdraw(request: HttpRequest, experience_id: int) -> HttpResponse:
    experience = access.get_for_children(
        request.user, AdverseExperience.objects.select_related("child__home"), experience_id, via="child"
    )
    access.require(access.can_assess(request.user, experience.child))
    services.adverse_experience_withdraw(experience=experience)
    messages.success(request, "The entry has been withdrawn from the checklist (it stays in the record's history).")
    return redirect("history_detail", child_id=experience.child_id)
