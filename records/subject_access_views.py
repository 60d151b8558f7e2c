"""Subject-access pages (issue 15): the requests and their one-month clocks, one request's build
progress, redaction review and release, and the audited download. Administrators only (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access
from homes.exports import safe_file_name
from homes.submissions import create_once
from records import subject_access as services
from records.models import Redaction, SubjectAccessRequest
from records.subject_access_forms import OpenRequestForm, RedactionForm, ReleaseForm
from records.subjects import Subject

OPENED = "The request is open: Hearth is gathering the record. The clock runs from the date received."
DECIDED = "Your decision is recorded."
RELEASING = "The released copy is being built with your redactions. The release is logged."


def _require_handler(request: HttpRequest) -> None:
    if not access.can_handle_subject_access(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def sar_list(request: HttpRequest) -> HttpResponse:
    _require_handler(request)
    form = OpenRequestForm(
        request.POST if request.method == "POST" else None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subject = Subject.of_child(data["child"]) if data["kind"] == "child" else Subject.of_staff(data["person"])
        try:
            opened = services.sar_open(
                subject=subject, requested_by=data["requested_by"], received_on=data["received_on"], by=request.user
            )
        except ValidationError as error:
            form.add_error("received_on" if hasattr(error, "error_dict") else None, error.messages)
        else:
            messages.success(request, OPENED)
            return redirect("sar_detail", opened.pk)
    requests = access.subject_access_requests_for(request.user).select_related("child", "person")
    return render(
        request,
        "records/sar_list.html",
        {"requests": requests, "form": form, "today": timezone.localdate()},
    )


def _detail(request: HttpRequest, sar: SubjectAccessRequest, **forms) -> HttpResponse:
    if sar.child_id:
        access.log_read(request.user, sar.child)
    items = list(sar.redactions.select_related("decided_by"))
    bound = forms.get("redaction_forms", {})
    return render(
        request,
        "records/sar_detail.html",
        {
            "sar": sar,
            "items": [(item, bound.get(item.pk) or RedactionForm(prefix=f"r{item.pk}")) for item in items],
            "pending": sum(item.decision == Redaction.Decision.PENDING for item in items),
            "release_form": forms.get("release_form") or ReleaseForm(),
            "downloads": sar.downloads.select_related("user"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def sar_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _detail(request, access.get_subject_access_request_for(request.user, request_id))


@login_required
@require_POST
def sar_redaction_decide(request: HttpRequest, redaction_id: int) -> HttpResponse:
    _require_handler(request)
    redaction = get_object_or_404(Redaction.objects.select_related("request"), pk=redaction_id)
    sar = access.get_subject_access_request_for(request.user, redaction.request_id)
    form = RedactionForm(request.POST, prefix=f"r{redaction.pk}")
    if form.is_valid():
        try:
            services.redaction_decide(redaction=redaction, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, DECIDED)
            return redirect("sar_detail", sar.pk)
    return _detail(request, sar, redaction_forms={redaction.pk: form})


@login_required
@require_POST
def sar_release(request: HttpRequest, request_id: int) -> HttpResponse:
    sar = access.get_subject_access_request_for(request.user, request_id)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.sar_release(request=sar, released_to=form.cleaned_data["released_to"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, RELEASING)
            return redirect("sar_detail", sar.pk)
    return _detail(request, sar, release_form=form)


@login_required
@require_POST
def sar_retry(request: HttpRequest, request_id: int) -> HttpResponse:
    sar = access.get_subject_access_request_for(request.user, request_id)
    services.sar_retry(request=sar)
    return redirect("sar_detail", sar.pk)


@login_required
@require_GET
def sar_download(request: HttpRequest, request_id: int) -> HttpResponse:
    """The export's ZIP; each download is recorded with who, when and the file's digest."""
    sar = access.get_subject_access_request_for(request.user, request_id)
    if sar.status not in {SubjectAccessRequest.Status.READY, SubjectAccessRequest.Status.RELEASED} or not sar.file:
        raise Http404
    try:
        handle = sar.file.open("rb")
    except FileNotFoundError as missing:
        # The row says built but the store lost the file (a restore without files): build it again.
        raise Http404 from missing
    services.sar_download_logged(request=sar, by=request.user)
    copy = "released" if sar.status == SubjectAccessRequest.Status.RELEASED else "review-copy"
    name = safe_file_name(f"subject access {sar.pk} {copy}.zip")
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
