from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from children.models import Child
from homes import access, concurrency
from homes.models import Home
from homes.submissions import create_once
from safeguarding.forms.complaints import ComplaintForm, ComplaintHandleForm
from safeguarding.models import Complaint
from safeguarding.services import complaints as services

LIST_PAGE_SIZE = 25


def _get_complaint(request: HttpRequest, complaint_id: int) -> Complaint:
    complaints = Complaint.objects.select_related("home", "child", "about_staff", "recorded_by", "revised_by")
    return get_object_or_404(access.complaints_for(request.user, complaints), pk=complaint_id)


@login_required
@require_GET
def complaint_list(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's complaints register (Regulation 39), open ones first."""
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_see_complaints_register(request.user, home))
    complaints = (
        access.complaints_for(request.user, home.complaints.all())
        .select_related("child", "about_staff")
        .order_by("status", "-received_at", "-pk")
    )
    page = Paginator(complaints, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    access.log_reads(request.user, {c.child for c in page if c.child_id})
    return render(request, "safeguarding/complaints/list.html", {"home": home, "complaints": page})


def _add(request: HttpRequest, home: Home, child: Child | None) -> HttpResponse:
    access.require(access.can_record_complaint(request.user, home))
    complaint = Complaint(home=home)
    form = ComplaintForm(request.POST if request.method == "POST" else None, instance=complaint)
    if child is not None and not form.is_bound:
        form.initial.update(child=child.pk, complainant=Complaint.Complainant.CHILD)
    if request.method == "POST" and form.is_valid():
        saved = services.complaint_record(home=home, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, "The complaint has been recorded; the home's managers can see it.")
        return redirect("complaint_detail", complaint_id=saved.pk)
    return render(request, "safeguarding/complaints/form.html", {"form": form, "home": home, "child": child})


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def complaint_add(request: HttpRequest, home_id: int) -> HttpResponse:
    return _add(request, access.get_home_for(request.user, home_id), None)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def complaint_add_for_child(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    return _add(request, child.home, child)


@login_required
@require_GET
def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _get_complaint(request, complaint_id)
    access.log_read(request.user, complaint)
    return render(
        request,
        "safeguarding/complaints/detail.html",
        {
            "complaint": complaint,
            "home": complaint.home,
            "can_handle": access.can_handle_complaint(request.user, complaint.home),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_handle(request: HttpRequest, complaint_id: int) -> HttpResponse:
    complaint = _get_complaint(request, complaint_id)
    access.require(access.can_handle_complaint(request.user, complaint.home))
    form = ComplaintHandleForm(request.POST if request.method == "POST" else None, instance=complaint)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        revision = fields.pop("revision")
        try:
            services.complaint_handle(complaint=complaint, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [ComplaintHandleForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(request, "The complaint has been updated.")
            return redirect("complaint_detail", complaint_id=complaint.pk)
    access.log_read(request.user, complaint)
    return render(
        request,
        "safeguarding/complaints/handle.html",
        {"form": form, "complaint": complaint, "home": complaint.home, "changes": changes},
    )
