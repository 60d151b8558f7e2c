"""A home's implementation self-assessment and plan (issue 12, item 6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, concurrency
from homes.submissions import create_once
from oversight.forms import ImplementationActionForm, RatingsForm
from oversight.models import ImplementationAction, SelfAssessment
from oversight.services import self_assessment as services


def _get_self_assessment(request: HttpRequest, pk: int) -> SelfAssessment:
    return get_object_or_404(access.self_assessments_for(request.user).select_related("home"), pk=pk)


@login_required
@require_GET
def implementation_home(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    assessments = list(access.self_assessments_for(request.user).filter(home=home).select_related("completed_by"))
    actions = list(
        ImplementationAction.objects.filter(self_assessment__home=home).select_related("owner", "self_assessment")
    )
    return render(
        request,
        "oversight/implementation.html",
        {
            "home": home,
            "assessments": assessments,
            "under_way": next((sa for sa in assessments if not sa.is_complete), None),
            "open_actions": [action for action in actions if action.done_on is None],
            "done_actions": [action for action in actions if action.done_on is not None],
            "can_run": access.can_run_self_assessment(request.user, home),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
@create_once
def self_assessment_start(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_run_self_assessment(request.user, home))
    try:
        self_assessment = services.self_assessment_start(home=home, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("implementation_home", home_id=home.pk)
    return redirect("self_assessment_detail", self_assessment_id=self_assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment_detail(request: HttpRequest, self_assessment_id: int) -> HttpResponse:
    self_assessment = _get_self_assessment(request, self_assessment_id)
    can_run = access.can_run_self_assessment(request.user, self_assessment.home)
    if request.method == "POST":
        access.require(can_run and not self_assessment.is_complete)
    statements = services.statements_for(self_assessment)
    form = RatingsForm(
        request.POST if request.method == "POST" else None, self_assessment=self_assessment, statements=statements
    )
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_rate(
                self_assessment=self_assessment,
                user=request.user,
                revision=form.cleaned_data["revision"],
                ratings=form.ratings(),
            )
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [RatingsForm(data, self_assessment=current, statements=statements)],
                yours=[form],
            )
        else:
            messages.success(request, "The ratings are saved.")
            return redirect("self_assessment_detail", self_assessment_id=self_assessment.pk)
    scores, previous = services.theme_scores(self_assessment)
    return render(
        request,
        "oversight/self_assessment.html",
        {
            "self_assessment": self_assessment,
            "home": self_assessment.home,
            "form": form,
            "changes": changes,
            "scores": scores,
            "previous": previous,
            "actions": list(self_assessment.actions.select_related("owner")),
            "today": timezone.localdate(),
            "can_run": can_run,
        },
    )


@login_required
@require_POST
def self_assessment_complete(request: HttpRequest, self_assessment_id: int) -> HttpResponse:
    self_assessment = _get_self_assessment(request, self_assessment_id)
    access.require(access.can_run_self_assessment(request.user, self_assessment.home))
    try:
        services.self_assessment_complete(self_assessment=self_assessment, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The self-assessment is complete. Turn its gaps into the plan's actions below.")
    return redirect("self_assessment_detail", self_assessment_id=self_assessment.pk)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def implementation_action_add(request: HttpRequest, self_assessment_id: int) -> HttpResponse:
    self_assessment = _get_self_assessment(request, self_assessment_id)
    access.require(access.can_run_self_assessment(request.user, self_assessment.home))
    form = ImplementationActionForm(request.POST or None, self_assessment=self_assessment)
    if request.method == "POST" and form.is_valid():
        try:
            services.implementation_action_add(self_assessment=self_assessment, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The action is in the plan.")
            return redirect("self_assessment_detail", self_assessment_id=self_assessment.pk)
    return render(
        request,
        "oversight/implementation_action_form.html",
        {"form": form, "self_assessment": self_assessment, "home": self_assessment.home},
    )


@login_required
@require_POST
def implementation_action_done(request: HttpRequest, implementation_action_id: int) -> HttpResponse:
    action = get_object_or_404(
        ImplementationAction.objects.filter(
            self_assessment__in=access.self_assessments_for(request.user)
        ).select_related("self_assessment__home"),
        pk=implementation_action_id,
    )
    access.require(access.can_complete_implementation_action(request.user, action))
    services.implementation_action_complete(action=action)
    messages.success(request, "Marked done.")
    return redirect("implementation_home", home_id=action.self_assessment.home_id)
