"""Logging in safely: the second-factor pages (enrol, verify, recovery codes) and Django's
password views with their events written to the audit trail and resets throttled."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from homes import second_factor
from homes.forms import (
    PasswordChangeForm,
    PasswordResetForm,
    RecoveryCodeForm,
    RecoveryCodesSavedForm,
    SecondFactorCodeForm,
    SetPasswordForm,
)
from homes.models import SecurityEvent, User
from homes.security import client_ip, security_event_record, too_many

Kind = SecurityEvent.Kind

RESET_THROTTLED = (
    "Too many password reset requests for this address or from this device in the last hour. "
    "Wait an hour and try again, or ask your registered manager or provider administrator for help."
)
RECOVERY_CODES_SESSION_KEY = "hearth_recovery_codes"
FEW_CODES_LEFT = 3


def _next_url(request: HttpRequest) -> str:
    """Where the person was going (from login's `next`), if it is one of our own pages."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """The walk-through: install an app, scan the code (or type the key), confirm with a code."""
    user = request.user
    if second_factor.is_enrolled(user):
        return redirect(_next_url(request) if user.is_verified() else _with_next("second_factor_verify", request))
    device = second_factor.totp_device_for_enrolment(user)
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = second_factor.second_factor_enrol(
                request=request, user=user, device=device, token=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return redirect(_with_next("recovery_codes", request))
    return render(
        request,
        "registration/second_factor_enrol.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(device),
            "key": second_factor.key_in_groups(device),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The ten recovery codes, shown once after enrolment until the person says they kept them."""
    codes = request.session.get(RECOVERY_CODES_SESSION_KEY)
    if not codes:
        return redirect(_next_url(request))
    form = RecoveryCodesSavedForm(request.POST or None)
    if form.is_valid():
        del request.session[RECOVERY_CODES_SESSION_KEY]
        messages.success(request, "Your second factor is set up. Next time, enter the code from your app.")
        return redirect(_next_url(request))
    shown = [second_factor.format_recovery_code(code) for code in codes]
    return render(
        request, "registration/recovery_codes.html", {"form": form, "codes": shown, "next": _next_url(request)}
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not second_factor.is_enrolled(user):
        return redirect(_with_next("second_factor_enrol", request))
    if user.is_verified():
        return redirect(_next_url(request))
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        try:
            second_factor.second_factor_verify(request=request, user=user, token=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return redirect(_next_url(request))
    return render(request, "registration/second_factor_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_recovery(request: HttpRequest) -> HttpResponse:
    """Instead of the app (a lost or flat phone): one recovery code, used up."""
    form = RecoveryCodeForm(request.POST or None)
    if form.is_valid():
        try:
            left = second_factor.recovery_code_use(
                request=request, user=request.user, code=form.cleaned_data["recovery_code"]
            )
        except ValidationError as error:
            form.add_error("recovery_code", error)
        else:
            if left <= FEW_CODES_LEFT:
                messages.warning(
                    request,
                    f"You have {left} recovery codes left. Ask your provider administrator to reset your second "
                    "factor so you can set up your app again and get new codes.",
                )
            return redirect(_next_url(request))
    return render(request, "registration/second_factor_recovery.html", {"form": form, "next": _next_url(request)})


# --- Django's password views, audited ------------------------------------------------------------


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(Kind.PASSWORD_CHANGED, request=self.request, user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Throttled per address and per IP (settings.PASSWORD_RESETS_PER_*_PER_HOUR), counted in the
    audit trail. The answer never says whether the address has an account."""

    form_class = PasswordResetForm

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        ip = client_ip(self.request)
        kind = Kind.PASSWORD_RESET_REQUESTED
        if too_many(kind, email=email, limit=settings.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR) or too_many(
            kind, ip=ip, limit=settings.PASSWORD_RESETS_PER_IP_PER_HOUR
        ):
            security_event_record(Kind.PASSWORD_RESET_THROTTLED, request=self.request, email=email)
            form.add_error(None, RESET_THROTTLED)
            return self.form_invalid(form)
        security_event_record(kind, request=self.request, user=User.objects.filter(email=email).first(), email=email)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        security_event_record(Kind.PASSWORD_RESET_COMPLETED, request=self.request, user=form.user)
        return response
