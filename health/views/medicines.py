"""The child's medicines, the home's medicines round (the iPad MAR), PRN doses, stock and errors."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from health import forms
from health.mar import month_chart
from health.models import Dose, MarPrint, MedicationError, Prescription
from health.schedule import day_bounds
from health.selectors import allergies_by_child, chart, stock_for
from health.services import medicines as services
from health.services import prints as print_services
from homes import access, builds
from homes.builds import say_queued
from homes.dates import add_months, month_start, parse_date_within_bounds
from homes.models import User
from homes.submissions import create_once

NOT_A_CHOICE = "Choose given, refused, not given (with its reason) or self-administered."
NO_SUCH_WITNESS = "Choose the member of staff who witnessed it."


def _day(request: HttpRequest) -> datetime.date:
    return parse_date_within_bounds(request.GET.get("date", "")) or timezone.localdate()


def _rows(due, now):
    return [(item, item.status(now)) for item in due]


@login_required
def medicines(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's prescriptions with their stock, today's chart, the PRN doses and errors."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    day = _day(request)
    start, end = day_bounds(day)
    now = timezone.now()
    regular, prn = chart([child], start, end)
    prescriptions = list(child.prescriptions.select_related("created_by"))
    current = [p for p in prescriptions if p.last_day is None or p.last_day >= timezone.localdate()]
    stock = stock_for(current)
    return render(
        request,
        "health/medicines.html",
        {
            "child": child,
            "day": day,
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "is_today": day == timezone.localdate(),
            "rows": _rows(regular, now),
            "prn_doses": prn,
            "now": now,
            "current": [(p, stock[p.pk]) for p in current],
            "finished": [p for p in prescriptions if p not in current],
            "allergies": allergies_by_child([child.pk]).get(child.pk, []),
            "errors": child.medication_errors.select_related("recorded_by", "prescription")[:20],
            "can_give": access.can_record_doses(request.user, child),
            "can_manage": access.can_manage_medicines(request.user, child),
            "reasons": Dose.Reason.choices,
            "witnesses": access.witnesses_for(child.home, excluding=request.user),
            "back": request.get_full_path(),
        },
    )


@login_required
def medicines_round(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's MAR for a day, for the iPad: each child's doses in time order, one tap each."""
    home = access.get_home_for(request.user, home_id)
    children = list(access.medicine_children_in(request.user, home).order_by("preferred_name"))
    access.log_reads(request.user, children)
    day = _day(request)
    start, end = day_bounds(day)
    now = timezone.now()
    regular, prn = chart(children, start, end)
    allergies = allergies_by_child(c.pk for c in children)
    by_child = {child.pk: [] for child in children}
    for item in regular:
        by_child[item.prescription.child_id].append((item, item.status(now)))
    prn_by_child: dict[int, list[Dose]] = {}
    for dose in prn:
        prn_by_child.setdefault(dose.child_id, []).append(dose)
    return render(
        request,
        "health/round.html",
        {
            "home": home,
            "day": day,
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "is_today": day == timezone.localdate(),
            "now": now,
            "children": [
                (child, allergies.get(child.pk, []), by_child[child.pk], prn_by_child.get(child.pk, []))
                for child in children
            ],
            "can_give": access.can_give_medicines_in(request.user, home),
            "reasons": Dose.Reason.choices,
            "witnesses": access.witnesses_for(home, excluding=request.user),
            "back": request.get_full_path(),
        },
    )


def _back(request: HttpRequest, fallback: str) -> str:
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return fallback


@login_required
@require_POST
@create_once
def dose_record(request: HttpRequest, prescription_id: int) -> HttpResponse:
    """One tap on the chart. Errors come back as a message on the chart, saying why."""
    prescription = _prescription_for(request, prescription_id)
    child = prescription.child
    access.require(access.can_record_doses(request.user, child))
    back = _back(request, reverse("medicines", args=[child.pk]))
    outcome = request.POST.get("outcome", "")
    due_at = parse_datetime(request.POST.get("due_at", ""))
    witness = None
    try:
        if outcome not in Dose.Outcome.values or due_at is None:
            raise ValidationError(NOT_A_CHOICE)
        if due_at.tzinfo is None:
            due_at = timezone.make_aware(due_at)
        if request.POST.get("witness"):
            witness = (
                User.objects.filter(pk=request.POST["witness"]).first() if request.POST["witness"].isdigit() else None
            )
            if witness is None:
                raise ValidationError(NO_SUCH_WITNESS)
        dose = services.dose_record(
            prescription=prescription,
            due_at=due_at,
            outcome=outcome,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", "")[:280],
            witness=witness,
            witness_password=request.POST.get("witness_password", ""),
            recorded_by=request.user,
        )
    except ValidationError as error:
        messages.error(
            request, f"{child.preferred_name}, {prescription} at {_local(due_at)}: {' '.join(error.messages)}"
        )
        return redirect(back)
    shown = dose.get_outcome_display().lower()
    if dose.reason:
        shown += f" ({dose.get_reason_display()})"
    messages.success(request, f"{child.preferred_name}: {prescription} {_local(due_at)} recorded as {shown}.")
    return redirect(back)


def _prescription_for(request: HttpRequest, prescription_id: int) -> Prescription:
    return access.get_for_children(request.user, Prescription.objects.select_related("child__home"), prescription_id)


def _form_page(request: HttpRequest, child, form, **context) -> HttpResponse:
    """The medicines' form pages share one template, under the child's Medicines tab."""
    context.setdefault("back", reverse("medicines", args=[child.pk]))
    return render(request, "health/form.html", {"section": "medicines", "child": child, "form": form, **context})


def _local(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%H:%M}" if moment else "?"


def _witness_queryset(request: HttpRequest, child):
    return access.witnesses_for(child.home, excluding=request.user)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def prn_give(request: HttpRequest, prescription_id: int) -> HttpResponse:
    prescription = _prescription_for(request, prescription_id)
    child = prescription.child
    access.require(access.can_record_doses(request.user, child))
    kwargs = {"witnesses": _witness_queryset(request, child), "controlled": prescription.controlled}
    initial = {"given_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = forms.PrnDoseForm(
        request.POST or None, instance=Dose(prescription=prescription, child=child), initial=initial, **kwargs
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            dose = services.prn_dose_give(prescription=prescription, recorded_by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{child.preferred_name}: {prescription} given at {_local(dose.given_at)}. "
                f"Ask whether it helped from {_local(dose.given_at + datetime.timedelta(hours=1))}.",
            )
            return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, child)
    return _form_page(
        request,
        child,
        form,
        create=True,
        allergies=allergies_by_child([child.pk]).get(child.pk, []),
        title=f"Give {prescription} to {child.preferred_name} (as needed: {prescription.prn_reason})",
        intro=f"{prescription.dose}, {prescription.get_route_display().lower()}. At most "
        f"{prescription.prn_max_doses_24h} in 24 hours, at least "
        f"{services.interval_text(prescription.prn_min_interval_minutes)} apart.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def prn_effect(request: HttpRequest, dose_id: int) -> HttpResponse:
    dose = access.get_for_children(request.user, Dose.objects.select_related("child__home", "prescription"), dose_id)
    child = dose.child
    access.require(access.can_record_doses(request.user, child))
    form = forms.PrnEffectForm(request.POST or None, instance=dose)
    if request.method == "POST" and form.is_valid():
        try:
            services.prn_effect_record(dose=Dose.objects.get(pk=dose.pk), recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Recorded whether {dose.prescription} helped {child.preferred_name}.")
            return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, dose)
    title = f"Did {dose.prescription} at {_local(dose.given_at)} help {child.preferred_name}?"
    return _form_page(
        request,
        child,
        form,
        title=title,
        intro=f"Given for: {dose.prn_reason}",
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def prescription_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_manage_medicines(request.user, child))
    form = forms.PrescriptionForm(request.POST or None, instance=Prescription(child=child))
    if request.method == "POST" and form.is_valid():
        prescription = services.prescription_add(child=child, created_by=request.user, **form.cleaned_data)
        messages.success(request, f"Added: {prescription} for {child.preferred_name}.")
        return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, child)
    return _form_page(
        request,
        child,
        form,
        create=True,
        title=f"Add a medicine for {child.preferred_name}",
        allergies=allergies_by_child([child.pk]).get(child.pk, []),
    )


@login_required
@require_http_methods(["GET", "POST"])
def prescription_stop(request: HttpRequest, prescription_id: int) -> HttpResponse:
    prescription = _prescription_for(request, prescription_id)
    child = prescription.child
    access.require(access.can_manage_medicines(request.user, child))
    form = forms.PrescriptionStopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.prescription_stop(prescription=prescription, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Stopped: {prescription}. No dose is due from today; the chart stays.")
            return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, prescription)
    return _form_page(
        request,
        child,
        form,
        title=f"Stop {prescription} for {child.preferred_name}",
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def stock_add(request: HttpRequest, prescription_id: int) -> HttpResponse:
    prescription = _prescription_for(request, prescription_id)
    child = prescription.child
    access.require(access.can_manage_medicines(request.user, child))
    form = forms.StockForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.stock_record(prescription=prescription, recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Recorded: {movement}.")
            return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, prescription)
    return _form_page(
        request,
        child,
        form,
        create=True,
        title=f"Record stock of {prescription} for {child.preferred_name}",
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def medication_error_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_record_doses(request.user, child))
    form = forms.MedicationErrorForm(
        request.POST or None,
        instance=MedicationError(child=child),
        prescriptions=child.prescriptions.all(),
        initial={"prescription": request.GET.get("prescription"), "kind": request.GET.get("kind")},
    )
    if request.method == "POST" and form.is_valid():
        error = services.medication_error_record(child=child, recorded_by=request.user, **form.cleaned_data)
        if error.incident_url:
            # The incidents app answers with its form, prefilled: the incident is signed by its author.
            messages.success(request, f"Recorded: {error}. Now complete and sign the incident for it.")
            return redirect(error.incident_url)
        messages.success(request, f"Recorded: {error}.")
        return redirect("medicines", child_id=child.pk)
    if request.method == "GET":
        access.log_read(request.user, child)
    return _form_page(
        request,
        child,
        form,
        create=True,
        title=f"Record a medication error for {child.preferred_name}",
    )


@login_required
def mar_month(request: HttpRequest, child_id: int) -> HttpResponse:
    """The month's MAR in the paper layout, printable (A4 landscape)."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    month = month_start(parse_date_within_bounds(request.GET.get("month", "")) or timezone.localdate())
    context = month_chart(child, month)
    context.update(
        previous_month=add_months(month, -1),
        next_month=add_months(month, 1),
        printed=MarPrint.objects.filter(child=child, month=month).first(),
    )
    return render(request, "health/mar_month.html", context)


@login_required
@require_POST
def mar_print(request: HttpRequest, child_id: int) -> HttpResponse:
    """Ask for the month's MAR as a PDF: a worker builds it; the chart's page shows when it is ready."""
    child = access.get_child_for(request.user, child_id)
    month = month_start(parse_date_within_bounds(request.POST.get("month", "")) or timezone.localdate())
    row = print_services.mar_print_request(child=child, month=month, queued_by=request.user)
    say_queued(
        request,
        MarPrint.objects.filter(pk=row.pk),
        f"The PDF of {child.preferred_name}'s {month:%B %Y} chart is being made.",
    )
    return redirect(f"{reverse('mar_month', args=[child.pk])}?month={month:%Y-%m-%d}")


@login_required
def mar_print_download(request: HttpRequest, mar_print_id: int) -> HttpResponse:
    row = access.get_for_children(request.user, MarPrint.objects.select_related("child"), mar_print_id)
    content = builds.open_ready(request, row)
    if content is None:
        return redirect(f"{reverse('mar_month', args=[row.child_id])}?month={row.month:%Y-%m-%d}")
    access.log_read(request.user, row)
    return FileResponse(content, as_attachment=True, filename=row.filename)
