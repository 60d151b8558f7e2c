import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access
from homes.builds import say_queued
from homes.models import SecurityEvent
from homes.security import client_ip, security_event_record, too_many
from homes.submissions import create_once, mark_saved
from tracker.forms import EvidenceRequestForm, ShareWithAccountForm, ShareWithCodeForm
from tracker.models import EvidencePack, EvidenceShare
from tracker.services import evidence as services

Kind = SecurityEvent.Kind

CODE_NOT_VALID = "That code does not open a pack: it may have expired or been withdrawn. Ask the home for a new one."
CODE_TRIES_EXHAUSTED = (
    "Too many codes that did not work from this device in the last hour, so Hearth is not checking codes from it "
    "for now. Wait an hour and try again, or ask the home to check the code they gave you."
)


def _get_pack_to_manage(request: HttpRequest, pack_id: int) -> EvidencePack:
    pack = get_object_or_404(access.for_homes(request.user, EvidencePack.objects.select_related("home")), pk=pack_id)
    access.require(access.can_manage_evidence(request.user, pack.home))
    return pack


def _send_pack(pack: EvidencePack) -> FileResponse:
    return FileResponse(pack.file.open("rb"), as_attachment=True, filename=pack.filename)


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _expiry(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def evidence_list(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_manage_evidence(request.user, home))
    form = EvidenceRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pack = services.evidence_pack_request(home=home, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            say_queued(request, EvidencePack.objects.filter(pk=pack.pk), "The evidence pack is being built.")
            return redirect("evidence_detail", pack_id=pack.pk)
    packs = home.evidence_packs.select_related("requested_by").prefetch_related(
        Prefetch("shares", queryset=EvidenceShare.objects.active(), to_attr="active_shares")
    )
    return render(request, "tracker/evidence_list.html", {"home": home, "packs": packs, "form": form})


@login_required
@require_GET
def evidence_detail(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = _get_pack_to_manage(request, pack_id)
    return render(
        request,
        "tracker/evidence_detail.html",
        {
            "pack": pack,
            "shares": pack.shares.select_related("inspector", "shared_by", "revoked_by"),
            "downloads": pack.downloads.select_related("user", "share")[:50],
            "account_form": ShareWithAccountForm(),
            "code_form": ShareWithCodeForm(),
        },
    )


@login_required
@require_POST
def evidence_retry(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = _get_pack_to_manage(request, pack_id)
    try:
        services.evidence_pack_retry(pack=pack)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        say_queued(request, EvidencePack.objects.filter(pk=pack.pk), "The evidence pack is being built again.")
    return redirect("evidence_detail", pack_id=pack.pk)


@login_required
@require_POST
@create_once
def evidence_share_account(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = _get_pack_to_manage(request, pack_id)
    form = ShareWithAccountForm(request.POST)
    if form.is_valid():
        try:
            share = services.evidence_share_with_account(
                pack=pack,
                inspector=form.cleaned_data["email"],
                user=request.user,
                expires_at=_expiry(form.cleaned_data["days"]),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Shared with {share.inspector} until {share.expires_at:%d %B %Y}.")
    else:
        messages.error(request, _form_errors(form))
    return redirect("evidence_detail", pack_id=pack.pk)


@login_required
@require_POST
@create_once
def evidence_share_code(request: HttpRequest, pack_id: int) -> HttpResponse:
    pack = _get_pack_to_manage(request, pack_id)
    form = ShareWithCodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("evidence_detail", pack_id=pack.pk)
    try:
        share, code = services.evidence_share_with_code(
            pack=pack,
            recipient=form.cleaned_data["recipient"],
            user=request.user,
            expires_at=_expiry(form.cleaned_data["days"]),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evidence_detail", pack_id=pack.pk)
    # A second submit of this form shows the pack, not another code.
    mark_saved(request, reverse("evidence_detail", args=[pack.pk]))
    # The code is shown this once and never stored: the page is not cached.
    response = render(request, "tracker/evidence_code.html", {"pack": pack, "share": share, "code": code})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def evidence_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    shares = access.for_homes(request.user, EvidenceShare.objects.select_related("pack__home"), via="pack__home")
    share = get_object_or_404(shares, pk=share_id)
    access.require(access.can_manage_evidence(request.user, share.pack.home))
    try:
        services.evidence_share_revoke(share=share, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{share.recipient} can no longer download this pack.")
    return redirect("evidence_detail", pack_id=share.pack_id)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pack_id: int) -> HttpResponse:
    """For the home's managers, and for an inspector's account while their share is active."""
    user = request.user
    share = EvidenceShare.objects.active().filter(pack_id=pack_id, inspector=user).first()
    pack = share.pack if share is not None else _get_pack_to_manage(request, pack_id)
    if pack.status != EvidencePack.Status.READY:
        raise Http404("This pack is not ready.")
    services.evidence_download_log(pack=pack, user=user, share=share, address=client_ip(request))
    return _send_pack(pack)


@login_required
@require_GET
def shared_evidence(request: HttpRequest) -> HttpResponse:
    shares = EvidenceShare.objects.active().filter(inspector=request.user).select_related("pack__home")
    return render(request, "tracker/shared_evidence.html", {"shares": shares})


@require_http_methods(["GET", "POST"])
def evidence_access(request: HttpRequest) -> HttpResponse:
    """The link given with an access code: no account needed; the code opens one pack. Wrong
    codes are counted per IP address in the security audit trail, so a code cannot be guessed."""
    if request.method == "POST":
        ip = client_ip(request)
        if too_many(Kind.EVIDENCE_CODE_REFUSED, ip=ip, limit=settings.EVIDENCE_CODE_TRIES_PER_HOUR):
            security_event_record(Kind.EVIDENCE_CODE_THROTTLED, request=request)
            messages.error(request, CODE_TRIES_EXHAUSTED)
            return render(request, "tracker/evidence_access.html", status=429)
        share = services.evidence_share_for_code(request.POST.get("code", ""))
        if share is not None and share.pack.status == EvidencePack.Status.READY:
            services.evidence_download_log(pack=share.pack, user=None, share=share, address=ip)
            return _send_pack(share.pack)
        security_event_record(Kind.EVIDENCE_CODE_REFUSED, request=request)
        messages.error(request, CODE_NOT_VALID)
    return render(request, "tracker/evidence_access.html")
