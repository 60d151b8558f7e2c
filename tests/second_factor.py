"""Passing the second factor in tests.

`VerifiedClient.force_login(user)` (what the `client` and `client_for` fixtures use) logs the person
in as if they had also entered a code from their authenticator app: it gives them a confirmed TOTP
device and stores it in the session under django_otp.DEVICE_ID_SESSION_KEY, as django_otp.login()
does. Tests of the second factor itself log in through the real login form
(`log_in_through_the_form`) and compute codes with `next_code(device)`.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from homes.models import User


def authenticator_for(user: User) -> TOTPDevice:
    """The person's confirmed authenticator device, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def pass_second_factor(client: Client, user: User) -> TOTPDevice:
    # A new device for each login, so that logging in costs the same queries every time (tests
    # compare query counts that include client_for) and never touches another client's session.
    device = TOTPDevice.objects.create(user=user, name="Test session", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def next_code(device: TOTPDevice) -> str:
    """A code the device will accept now: the current time step's, or, when that step's code was
    already used (a second login within 30 seconds), the next step's, which the device tolerates.
    Waits for the clock only if even that one is used."""
    device.refresh_from_db()
    while True:
        now = int(time.time() - device.t0) // device.step
        step = max(now, device.last_t + 1)
        if step <= now + device.tolerance:
            return f"{hotp(device.bin_key, step + device.drift, device.digits):0{device.digits}d}"
        time.sleep(1)


class VerifiedClient(Client):
    """A test client whose force_login also passes the second factor."""

    def force_login(self, user: User, backend: str | None = None) -> None:
        super().force_login(user, backend)
        pass_second_factor(self, user)


def log_in_through_the_form(client: Client, email: str, password: str, next_url: str = "") -> str:
    """Log in as a person would: the login form, then the second factor if asked (setting up the
    app on first login: the code is computed from the key the page was made for, and the recovery
    codes are confirmed as kept). Returns the URL the person lands on."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from homes.models import User

    login_url = reverse("login") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    response = client.post(login_url, {"username": email, "password": password, "next": next_url})
    assert response.status_code == 302, f"login refused for {email}"
    url = response.url
    for _ in range(6):
        response = client.get(url)
        if response.status_code != 302:
            return url
        url = response.url
        path, _, query = url.partition("?")
        user = User.objects.get(email=email.lower())
        if path == reverse("second_factor_enrol"):
            client.get(url)  # the page makes the device the QR code is drawn from
            device = TOTPDevice.objects.get(user=user, confirmed=False)
            response = client.post(url, {"code": next_code(device)})
            assert response.status_code == 302, "the code was refused at set-up"
            response = client.post(response.url, {"saved": "on"})
            url = response.url
        elif path == reverse("second_factor_verify"):
            response = client.post(url, {"code": next_code(authenticator_for(user))})
            assert response.status_code == 302, "the code was refused"
            url = response.url
    raise AssertionError(f"too many redirects logging in as {email}")
