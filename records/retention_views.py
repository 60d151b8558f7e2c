"""Retention pages (issue 15): the administrators' schedule (what is due, what is held, what was
disposed of), one person's retention page (holds, date of death or leaving), and a disposal's
page where a registered manager and an administrator each confirm. Others get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from children.models import Child
from homes import access
from homes.models import User
from homes.submissions import create_once
from records import retention
from records.models import Disposal, LegalHold, StaffDeparture, SubjectKind, Tombstone
from records.retention_forms import (
    ConfirmDisposalForm,
    DateOfDeathForm,
    DepartureForm,
    LegalHoldForm,
    LiftHoldForm,
)
from records.subjects import Subject

HOLD_PLACED = "The record is on legal hold: nothing of it can be disposed of until it is lifted."
DISPOSED = "The record is disposed of. Its tombstone says what it was and who authorised it."


def _require_keeper(user: User) -> None:
    if not access.can_keep_retention(user):
        raise Http404


@login_required
@require_GET
def retention_list(request: HttpRequest) -> HttpResponse:
    _require_keeper(request.user)
    due = list(
        Disposal.objects.filter(status=Disposal.Status.DUE)
        .select_related("child__home", "person", "manager_confirmed_by", "administrator_confirmed_by")
        .order_by("retain_until", "pk")
    )
    held = {hold.child_id or hold.person_id for hold in LegalHold.objects.filter(lifted_at__isnull=True)}
    holds = list(LegalHold.objects.filter(lifted_at__isnull=True).select_related("child", "person", "placed_by"))
    staff = list(
        User.objects.annotate(roles=Count("memberships"))
        .filter(Q(roles__gt=0) | Q(departure__isnull=False))
        .select_related("departure")
        .order_by("full_name")
    )
    tombstones = list(Tombstone.objects.select_related("manager", "administrator")[:50])
    return render(
        request,
        "records/retention_list.html",
        {
            "due": [(disposal, (disposal.child_id or disposal.person_id) in held) for disposal in due],
            "holds": holds,
            "staff": [(person, retention.staff_retain_until(getattr(person, "departure", None))) for person in staff],
            "tombstones": tombstones,
            "staff_years": retention.settings.STAFF_RETENTION_YEARS,
        },
    )


def _child_page(request: HttpRequest, child: Child, status: int = 200, **forms) -> HttpResponse:
    subject = Subject.of_child(child)
    access.log_read(request.user, child)
    return render(
        request,
        "records/retention_subject.html",
        {
            "child": child,
            "subject_name": f"{child.preferred_name} ({child.legal_name})",
            "kind": SubjectKind.CHILD,
            "retain_until": retention.child_retain_until(child),
            "holds": LegalHold.objects.filter(child=child).select_related("placed_by", "lifted_by"),
            "disposals": Disposal.objects.filter(Q(child=child)).order_by("-listed_on"),
            "hold_form": forms.get("hold_form") or LegalHoldForm(),
            "lift_form": forms.get("lift_form") or LiftHoldForm(),
            "date_form": forms.get("date_form") or DateOfDeathForm(initial={"date_of_death": child.date_of_death}),
            "active_hold": retention.active_hold(subject),
            "hold_url": "retention_child_hold",
            "date_url": "retention_child_death",
            "subject_id": child.pk,
        },
        status=status,
    )


def _staff_page(request: HttpRequest, person: User, status: int = 200, **forms) -> HttpResponse:
    subject = Subject.of_staff(person)
    departure = StaffDeparture.objects.filter(person=person).first()
    return render(
        request,
        "records/retention_subject.html",
        {
            "person": person,
            "subject_name": person.full_name,
            "kind": SubjectKind.STAFF,
            "retain_until": retention.staff_retain_until(departure),
            "departure": departure,
            "holds": LegalHold.objects.filter(person=person).select_related("placed_by", "lifted_by"),
            "disposals": Disposal.objects.filter(person=person).order_by("-listed_on"),
            "hold_form": forms.get("hold_form") or LegalHoldForm(),
            "lift_form": forms.get("lift_form") or LiftHoldForm(),
            "date_form": forms.get("date_form")
            or DepartureForm(initial={"left_on": departure.left_on if departure else None}),
            "active_hold": retention.active_hold(subject),
            "hold_url": "retention_staff_hold",
            "date_url": "retention_staff_departure",
            "subject_id": person.pk,
            "staff_years": retention.settings.STAFF_RETENTION_YEARS,
        },
        status=status,
    )


def _get_child(request: HttpRequest, child_id: int) -> Child:
    _require_keeper(request.user)
    return access.get_child_for(request.user, child_id)


def _get_person(request: HttpRequest, person_id: int) -> User:
    _require_keeper(request.user)
    return get_object_or_404(User, pk=person_id)


@login_required
@require_GET
def retention_child(request: HttpRequest, child_id: int) -> HttpResponse:
    return _child_page(request, _get_child(request, child_id))


@login_required
@require_GET
def retention_staff(request: HttpRequest, person_id: int) -> HttpResponse:
    return _staff_page(request, _get_person(request, person_id))


def _place_hold(request: HttpRequest, subject: Subject, page, record, url_name: str) -> HttpResponse:
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        try:
            retention.legal_hold_place(subject=subject, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The record is on legal hold: nothing of it can be disposed of until it is lifted."
            )
            return redirect(url_name, record.pk)
    return page(request, record, status=200, hold_form=form)


@login_required
@require_POST
@create_once
def retention_child_hold(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _get_child(request, child_id)
    return _place_hold(request, Subject.of_child(child), _child_page, child, "retention_child")


@login_required
@require_POST
@create_once
def retention_staff_hold(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person(request, person_id)
    return _place_hold(request, Subject.of_staff(person), _staff_page, person, "retention_staff")


@login_required
@require_POST
def retention_hold_lift(request: HttpRequest, hold_id: int) -> HttpResponse:
    _require_keeper(request.user)
    hold = get_object_or_404(LegalHold.objects.select_related("child", "person"), pk=hold_id)
    form = LiftHoldForm(request.POST)
    if form.is_valid():
        try:
            retention.legal_hold_lift(hold=hold, reason=form.cleaned_data["lifted_reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The legal hold is lifted.")
            if hold.child_id:
                return redirect("retention_child", hold.child_id)
            return redirect("retention_staff", hold.person_id)
    if hold.child_id:
        return _child_page(request, hold.child, lift_form=form)
    return _staff_page(request, hold.person, lift_form=form)


@login_required
@require_POST
def retention_child_death(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _get_child(request, child_id)
    form = DateOfDeathForm(request.POST)
    if form.is_valid():
        try:
            retention.child_record_death(child=child, date_of_death=form.cleaned_data["date_of_death"], by=request.user)
        except ValidationError as error:
            form.add_error("date_of_death" if hasattr(error, "error_dict") else None, error.messages)
            child.refresh_from_db()
        else:
            messages.success(request, "The date of death is recorded, and the retention date with it.")
            return redirect("retention_child", child.pk)
    return _child_page(request, child, date_form=form)


@login_required
@require_POST
def retention_staff_departure(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _get_person(request, person_id)
    form = DepartureForm(request.POST)
    if form.is_valid():
        try:
            retention.staff_record_departure(person=person, left_on=form.cleaned_data["left_on"], by=request.user)
        except ValidationError as error:
            form.add_error("left_on", error.messages)
        else:
            messages.success(request, f"{person.full_name}'s leaving date is recorded.")
            return redirect("retention_staff", person.pk)
    return _staff_page(request, person, date_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def disposal_detail(request: HttpRequest, disposal_id: int) -> HttpResponse:
    """What is due for disposal, who has confirmed; the manager's or administrator's confirmation."""
    disposal = access.get_disposal_for(request.user, disposal_id)
    if disposal.child_id:
        access.log_read(request.user, disposal.child)
    form = ConfirmDisposalForm(request.POST if request.method == "POST" else None)
    can_confirm = request.user.is_administrator or access.can_confirm_disposal_as_manager(request.user, disposal)
    if request.method == "POST":
        access.require(can_confirm and disposal.status == Disposal.Status.DUE)
        if form.is_valid():
            try:
                disposal = retention.disposal_confirm(disposal=disposal, by=request.user)
            except retention.RetentionError as error:
                form.add_error(None, str(error))
            else:
                if disposal.status == Disposal.Status.DISPOSED:
                    messages.success(
                        request, "The record is disposed of. Its tombstone says what it was and who authorised it."
                    )
                    if access.can_keep_retention(request.user):
                        return redirect("retention_list")
                    return redirect("dashboard")
                messages.success(request, "Your confirmation is recorded: the disposal needs the other confirmation.")
                return redirect("disposal_detail", disposal.pk)
    subject = retention.subject_of(disposal) if disposal.status == Disposal.Status.DUE else None
    return render(
        request,
        "records/disposal_detail.html",
        {
            "disposal": disposal,
            "form": form,
            "can_confirm": can_confirm and disposal.status == Disposal.Status.DUE,
            "on_hold": bool(subject and retention.active_hold(subject)),
            "today": timezone.localdate(),
        },
    )
