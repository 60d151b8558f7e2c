"""The second factor: who needs one, enrolment, verification, recovery codes and the
administrator's reset. django-otp does the cryptography (TOTP, RFC 6238) and keeps the devices;
this module decides the policy and writes the audit trail (homes.security)."""

import base64

import django_otp
import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homes.models import Membership, ProviderSettings, SecurityEvent, User
from homes.security import security_event_record

Kind = SecurityEvent.Kind

RECOVERY_CODE_COUNT = 10
# Roles that see many children's records or run a home: they always need a second factor.
ROLES_NEEDING_SECOND_FACTOR = frozenset(
    {Membership.Role.MANAGER, Membership.Role.DEPUTY_MANAGER, Membership.Role.ASSESSOR}
)

CODE_REFUSED = (
    "That code did not match. Enter the 6-digit code your app shows now; if it keeps failing, check that "
    "the time on your phone is set automatically."
)
CODE_WAIT = "Too many wrong codes in a row: wait a minute, then enter the code your app shows now."
RECOVERY_CODE_REFUSED = "That recovery code did not match, or has already been used. Each code works once."
NOT_ENROLLED = "Set up your authenticator app first."


def second_factor_required(user: User) -> bool:
    """Whether this person must pass a second factor after their password: administrators,
    clinical leads, anyone who can use the admin, managers, deputies and assessors; care staff
    when the provider has turned that on; and anyone who has already set one up."""
    if user.provider_role or user.is_staff or user.is_superuser:
        return True
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if roles & ROLES_NEEDING_SECOND_FACTOR:
        return True
    if Membership.Role.CARE_STAFF in roles and ProviderSettings.load().care_staff_need_second_factor:
        return True
    return django_otp.user_has_device(user)


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


# --- Enrolment ------------------------------------------------------------------------------------


def totp_device_for_enrolment(user: User) -> TOTPDevice:
    """The person's unconfirmed authenticator device, made on first view and kept, so the QR code
    stays the same when they reload the page while their app is open."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def key_in_groups(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed by hand: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The otpauth:// link as an inline SVG QR code, drawn here: no image is fetched from anywhere.
    segno writes only path data (no text from the person), so the markup is safe to inline."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, light="#fff", dark="#000")
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1))  # noqa: S308


def second_factor_enrol(*, request: HttpRequest, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator device with a code from the app, issue fresh recovery codes and
    mark this session as having passed the second factor. Returns the recovery codes (shown once)."""
    _check(request, user, device, token, refused=CODE_REFUSED)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _recovery_codes_issue(user)
        security_event_record(Kind.SECOND_FACTOR_ENROLLED, request=request, user=user)
    _passed(request, device)
    return codes


def _recovery_codes_issue(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def format_recovery_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


# --- Verification ---------------------------------------------------------------------------------


def _check(request: HttpRequest, user: User, device, token: str, *, refused: str) -> None:
    """Verify a code against one device, or raise ValidationError. django-otp slows down repeated
    failures on a device (1, 2, 4, 8... seconds); each failure goes in the audit trail. Not inside
    a caller's transaction: a refusal must not roll back the failure count or the audit entry."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        if not device.verify_is_allowed()[0]:
            raise ValidationError(CODE_WAIT)
        ok = device.verify_token(token)
    if not ok:
        security_event_record(Kind.SECOND_FACTOR_FAILED, request=request, user=user, detail=device.name)
        raise ValidationError(refused)


def second_factor_verify(*, request: HttpRequest, user: User, token: str) -> None:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(NOT_ENROLLED)
    _check(request, user, device, token, refused=CODE_REFUSED)
    _passed(request, device)
    security_event_record(Kind.SECOND_FACTOR_VERIFIED, request=request, user=user)


def recovery_code_use(*, request: HttpRequest, user: User, code: str) -> int:
    """Pass the second factor with a recovery code, which is used up. Returns how many are left."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    normalised = "".join(code.split()).replace("-", "").lower()
    if device is None or not normalised:
        raise ValidationError(RECOVERY_CODE_REFUSED)
    _check(request, user, device, normalised, refused=RECOVERY_CODE_REFUSED)
    _passed(request, device)
    left = device.token_set.count()
    security_event_record(Kind.RECOVERY_CODE_USED, request=request, user=user, detail=f"{left} codes left")
    return left


def _passed(request: HttpRequest, device) -> None:
    # A new session key once the person is fully logged in, as Django does at login.
    request.session.cycle_key()
    django_otp.login(request, device)


# --- Administrator's reset ------------------------------------------------------------------------


@transaction.atomic
def second_factor_reset(*, request: HttpRequest, user: User, by: User) -> None:
    """Remove the person's authenticator and recovery codes: they set up a new one at their next
    login. Any session of theirs loses its second factor (django-otp finds no device)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    security_event_record(Kind.SECOND_FACTOR_RESET, request=request, user=user, by=by)
