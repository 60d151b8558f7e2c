"""The child's health record: one page with every part, and a form page for each addition."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from health import forms
from health.models import Appointment, Condition, DelegatedAuthority, HealthAssessment
from health.services import record as services
from homes import access, concurrency
from homes.submissions import create_once


@login_required
def health_record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    conditions = list(child.health_conditions.select_related("recorded_by"))
    authorities = list(child.delegated_authorities.all())
    current: dict[str, DelegatedAuthority] = {}
    for authority in authorities:  # newest first within each matter
        current.setdefault((authority.matter, authority.detail), authority)
    return render(
        request,
        "health/record.html",
        {
            "child": child,
            "registrations": child.health_registrations.all(),
            "allergies": [c for c in conditions if c.kind == Condition.Kind.ALLERGY],
            "conditions": [c for c in conditions if c.kind == Condition.Kind.CONDITION],
            "immunisations": child.immunisations.all(),
            "assessments": child.health_assessments.all(),
            "appointments": child.health_appointments.select_related("outcome_by")[:30],
            "authorities": list(current.values()),
            "superseded": [a for a in authorities if a not in current.values()],
            "can_record": access.can_record_health(request.user, child),
            "can_manage": access.can_manage_medicines(request.user, child),
        },
    )


def _adder(
    form_class, service: Callable, title: str, allowed: Callable, done: Callable[[object], str]
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A create view for one part of the record: the form, the service, back to the record."""

    @login_required
    @require_http_methods(["GET", "POST"])
    @create_once
    def view(request: HttpRequest, child_id: int) -> HttpResponse:
        child = access.get_child_for(request.user, child_id)
        access.require(allowed(request.user, child))
        form = form_class(request.POST or None, instance=form_class._meta.model(child=child))
        if request.method == "POST" and form.is_valid():
            try:
                record = service(child=child, recorded_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done(record))
                return redirect("health_record", child_id=child.pk)
        if request.method == "GET":
            access.log_read(request.user, child)
        return render(
            request,
            "health/form.html",
            {"child": child, "form": form, "title": title.format(child=child.preferred_name), "create": True},
        )

    return view


health_registration_add = _adder(
    forms.RegistrationForm,
    services.registration_add,
    "Add a registration for {child}",
    access.can_record_health,
    lambda r: f"Added: {r}.",
)
health_immunisation_add = _adder(
    forms.ImmunisationForm,
    services.immunisation_add,
    "Add an immunisation for {child}",
    access.can_record_health,
    lambda r: f"Added: {r}.",
)
health_condition_add = _adder(
    forms.ConditionForm,
    services.condition_add,
    "Add an allergy or condition for {child}",
    access.can_record_health,
    lambda r: (
        f"Added: {r}. It shows wherever {r.child.preferred_name} appears."
        if r.kind == Condition.Kind.ALLERGY
        else f"Added: {r}."
    ),
)
health_assessment_add = _adder(
    forms.HealthAssessmentForm,
    services.health_assessment_add,
    "Put a health assessment in the diary for {child}",
    access.can_manage_medicines,
    lambda r: f"Added: {r}. It shows on the dashboard until it is done.",
)
health_appointment_add = _adder(
    forms.AppointmentForm,
    services.appointment_book,
    "Add an appointment for {child}",
    access.can_record_health,
    lambda r: f"Added: {r}.",
)
delegated_authority_add = _adder(
    forms.DelegatedAuthorityForm,
    services.delegated_authority_add,
    "Record delegated authority for {child}",
    access.can_manage_medicines,
    lambda r: f"Recorded: {r}.",
)


@login_required
@require_POST
def health_condition_resolve(request: HttpRequest, condition_id: int) -> HttpResponse:
    condition = access.get_for_children(request.user, Condition.objects.select_related("child__home"), condition_id)
    access.require(access.can_record_health(request.user, condition.child))
    services.condition_resolve(condition=condition)
    messages.success(request, f"Marked as no longer current: {condition}. It stays in the record.")
    return redirect("health_record", child_id=condition.child_id)


@login_required
@require_http_methods(["GET", "POST"])
def health_assessment_done(request: HttpRequest, health_assessment_id: int) -> HttpResponse:
    assessment = access.get_for_children(
        request.user, HealthAssessment.objects.select_related("child__home"), health_assessment_id
    )
    child = assessment.child
    access.require(access.can_manage_medicines(request.user, child))
    form = forms.HealthAssessmentDoneForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            done, following = services.health_assessment_complete(
                assessment=HealthAssessment.objects.get(pk=assessment.pk), recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Recorded as done. The next review is due {following.due_on:%-d %B %Y}.")
            return redirect("health_record", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, assessment)
    title = f"Record {assessment.get_kind_display().lower()} for {child.preferred_name} as done"
    return render(request, "health/form.html", {"child": child, "form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def health_appointment_outcome(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = access.get_for_children(
        request.user, Appointment.objects.select_related("child__home"), appointment_id
    )
    child = appointment.child
    access.require(access.can_record_health(request.user, child))
    form = forms.AppointmentOutcomeForm(request.POST or None, instance=appointment)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_record_outcome(
                appointment=Appointment.objects.get(pk=appointment.pk), recorded_by=request.user, **form.cleaned_data
            )
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [forms.AppointmentOutcomeForm(data, instance=current)],
                yours=[form],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Outcome recorded: {appointment}.")
            return redirect("health_record", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, appointment)
    title = f"Outcome of {child.preferred_name}'s {appointment}"
    return render(request, "health/form.html", {"child": child, "form": form, "title": title, "changes": changes})
