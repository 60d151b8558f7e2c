"""Every page carries a strict Content-Security-Policy and a Permissions-Policy, the admin too."""

import pytest
from django.urls import reverse

REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {name: value.strip() for name, _, value in (part.strip().partition(" ") for part in header.split(";"))}


@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/", "/admin/", "/admin/homes/home/", "/admin/children/child/", "/admin/homes/home/add/"],
)
def test_pages_carry_the_strict_policy(client_for, administrator, child, url):
    administrator.is_superuser = True  # the admin's own pages, whatever the permissions
    administrator.save()
    response = client_for(administrator).get(url)
    assert response.status_code == 200
    found = directives(response)
    for name, value in REQUIRED.items():
        assert found.get(name) == value, f"{url}: {name} is {found.get(name)!r}"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


def test_permissions_policy_switches_off_what_hearth_never_uses(client):
    policy = client.get(reverse("login")).headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
