"""The second factor: a password alone reaches nothing but the second-factor pages for the roles
that need one; enrolment, verification, recovery codes, the administrator's reset, all audited."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from homes.account_views import RECOVERY_CODES_SESSION_KEY
from homes.middleware import SECOND_FACTOR_NEEDED
from homes.models import Membership, ProviderSettings, SecurityEvent, User
from homes.second_factor import CODE_REFUSED, CODE_WAIT, RECOVERY_CODE_REFUSED
from tests.factories import PASSWORD, UserFactory
from tests.second_factor import authenticator_for, log_in_through_the_form, next_code

Kind = SecurityEvent.Kind


def password_only(user: User, next_url: str = "") -> Client:
    """A client that has typed the person's password into the real login form, and nothing more."""
    client = Client()
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    response = client.post(reverse("login") + query, {"username": user.email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302
    return client


def with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


@pytest.fixture
def enrolled_manager(manager) -> User:
    authenticator_for(manager)
    return manager


# --- Who needs it, and what the password alone reaches --------------------------------------------


def test_a_password_alone_never_reaches_a_childs_record_for_a_manager(manager, child):
    child_url = reverse("child_detail", args=[child.pk])
    client = password_only(manager)
    response = client.get(child_url)
    assert response.status_code == 302
    assert response.url == with_next("second_factor_enrol", child_url)
    assert child.preferred_name not in client.get(response.url).text


@pytest.mark.parametrize(
    "url",
    [
        lambda child: reverse("dashboard"),
        lambda child: reverse("home_detail", args=[child.home_id]),
        lambda child: reverse("password_change"),
        lambda child: reverse("admin:index"),
        lambda child: reverse("evidence_access"),
    ],
    ids=["dashboard", "home", "password-change", "admin", "evidence-access"],
)
def test_every_page_sends_a_password_only_person_to_the_second_factor(enrolled_manager, child, url):
    path = url(child)
    response = password_only(enrolled_manager).get(path)
    assert response.status_code == 302 and response.url == with_next("second_factor_verify", path)


def test_posts_and_fetches_are_refused_rather_than_redirected(enrolled_manager, child):
    client = password_only(enrolled_manager)
    response = client.post(reverse("child_edit", args=[child.pk]), {"preferred_name": "Changed"})
    assert response.status_code == 403 and SECOND_FACTOR_NEEDED in response.text
    response = client.get(reverse("dashboard"), headers={"Accept": "application/json"})
    assert response.status_code == 403 and response.json() == {"error": SECOND_FACTOR_NEEDED}
    response = client.post(
        reverse("assessment_autosave", args=[1]),
        "{}",
        content_type="application/json",
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 403
    child.refresh_from_db()
    assert child.preferred_name != "Changed"


def test_the_login_page_recovery_and_logout_stay_reachable(enrolled_manager):
    client = password_only(enrolled_manager)
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("second_factor_recovery")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).url.startswith(reverse("login"))


@pytest.mark.parametrize(
    "make",
    [
        lambda home: UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True),
        lambda home: UserFactory(provider_role=User.ProviderRole.CLINICAL_LEAD),
        lambda home: Membership.objects.create(home=home, role=Membership.Role.DEPUTY_MANAGER, user=UserFactory()).user,
        lambda home: Membership.objects.create(home=home, role=Membership.Role.ASSESSOR, user=UserFactory()).user,
    ],
    ids=["administrator", "clinical-lead", "deputy", "assessor"],
)
def test_every_role_that_needs_it_is_asked(home, make):
    response = password_only(make(home)).get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("second_factor_enrol"))


def test_care_staff_are_not_asked_unless_the_provider_turns_it_on(staff):
    client = password_only(staff)
    assert client.get(reverse("dashboard")).status_code == 200

    ProviderSettings.objects.update_or_create(pk=1, defaults={"care_staff_need_second_factor": True})
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("second_factor_enrol"))


# --- Enrolment ------------------------------------------------------------------------------------


def test_enrolment_walks_through_to_the_page_the_person_was_going_to(manager, child):
    child_url = reverse("child_detail", args=[child.pk])
    client = password_only(manager, next_url=child_url)
    response = client.get(child_url, follow=True)
    enrol_url = with_next("second_factor_enrol", child_url)
    assert response.redirect_chain[-1][0] == enrol_url
    page = response.text
    assert "Step 1: install an authenticator app" in page and "<svg" in page and "QR code" in page
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    key = page.split('id="setup-key">')[1].split("<")[0]
    assert len(key.replace(" ", "")) == 32 and key.count(" ") == 7  # base32, in groups of four
    assert client.get(enrol_url).text.count(key) == 1  # reloading keeps the same key

    response = client.post(enrol_url, {"code": code_for(device), "next": child_url})
    assert response.status_code == 302 and response.url == with_next("recovery_codes", child_url)
    device.refresh_from_db()
    assert device.confirmed
    codes = StaticToken.objects.filter(device__user=manager)
    assert codes.count() == 10
    page = client.get(response.url).text
    assert all(f"{t.token[:4]}-{t.token[4:]}" in page for t in codes)

    # They cannot go on without saying they kept the codes; then they are not shown again.
    assert "they are shown only once" in client.post(response.url, {"next": child_url}).text
    response = client.post(response.url, {"saved": "on", "next": child_url})
    assert response.status_code == 302 and response.url == child_url
    assert RECOVERY_CODES_SESSION_KEY not in client.session
    assert client.get(with_next("recovery_codes", child_url)).url == child_url
    assert child.preferred_name in client.get(child_url).text
    event = SecurityEvent.objects.get(kind=Kind.SECOND_FACTOR_ENROLLED)
    assert event.user == manager and event.ip_address == "127.0.0.1"


def test_a_wrong_code_at_enrolment_is_refused_and_recorded(manager):
    client = password_only(manager)
    client.get(reverse("second_factor_enrol"))
    device = TOTPDevice.objects.get(user=manager)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("second_factor_enrol"), {"code": wrong})
    assert response.status_code == 200 and CODE_REFUSED in response.text
    assert response.text.count("Error:") >= 1
    device.refresh_from_db()
    assert not device.confirmed
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_FAILED, user=manager).count() == 1
    # Several failures in a row: django-otp makes the person wait (exponential back-off per device).
    TOTPDevice.objects.update(throttling_failure_count=5)
    response = client.post(reverse("second_factor_enrol"), {"code": code_for(device)})
    assert CODE_WAIT in response.text


# --- Verification and recovery codes ---------------------------------------------------------------


def test_later_logins_enter_the_code_from_the_app(enrolled_manager, child):
    child_url = reverse("child_detail", args=[child.pk])
    client = password_only(enrolled_manager, next_url=child_url)
    verify_url = client.get(child_url).url
    device = TOTPDevice.objects.get(user=enrolled_manager)

    response = client.post(verify_url, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 200 and CODE_REFUSED in response.text
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_FAILED).count() == 1
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - datetime.timedelta(minutes=1))

    response = client.post(verify_url, {"code": next_code(device), "next": child_url})
    assert response.status_code == 302 and response.url == child_url
    assert client.get(child_url).status_code == 200
    assert SecurityEvent.objects.filter(kind=Kind.SECOND_FACTOR_VERIFIED, user=enrolled_manager).count() == 1


def test_next_only_leads_to_our_own_pages(enrolled_manager):
    client = password_only(enrolled_manager)
    device = TOTPDevice.objects.get(user=enrolled_manager)
    response = client.post(
        reverse("second_factor_verify"), {"code": next_code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == reverse("dashboard")


def test_a_recovery_code_works_once_only(enrolled_manager):
    device = StaticDevice.objects.create(user=enrolled_manager, name="Recovery codes")
    device.token_set.create(token="abcd2345")
    device.token_set.create(token="efgh6789")

    client = password_only(enrolled_manager)
    response = client.post(reverse("second_factor_recovery"), {"recovery_code": "ABCD-2345"})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200
    assert list(device.token_set.values_list("token", flat=True)) == ["efgh6789"]
    event = SecurityEvent.objects.get(kind=Kind.RECOVERY_CODE_USED)
    assert event.user == enrolled_manager and event.detail == "1 codes left"

    client.post(reverse("logout"))
    StaticDevice.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)
    client = password_only(enrolled_manager)
    response = client.post(reverse("second_factor_recovery"), {"recovery_code": "abcd-2345"})
    assert response.status_code == 200 and RECOVERY_CODE_REFUSED in response.text
    assert client.get(reverse("dashboard")).status_code == 302


# --- The administrator's reset --------------------------------------------------------------------


@pytest.fixture
def superuser_admin(db) -> User:
    return UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_an_administrator_resets_a_second_factor_and_it_is_audited(client_for, superuser_admin, enrolled_manager):
    managers_client = client_for(enrolled_manager)
    assert managers_client.get(reverse("dashboard")).status_code == 200
    StaticDevice.objects.create(user=enrolled_manager, name="Recovery codes")

    admin_client = client_for(superuser_admin)
    page = admin_client.get(reverse("admin:homes_user_change", args=[enrolled_manager.pk])).text
    assert "Set up (authenticator app and recovery codes)" in page
    response = admin_client.post(
        reverse("admin:homes_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [enrolled_manager.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled_manager).exists()
    assert not StaticDevice.objects.filter(user=enrolled_manager).exists()
    event = SecurityEvent.objects.get(kind=Kind.SECOND_FACTOR_RESET)
    assert event.user == enrolled_manager and event.by == superuser_admin
    # Their open session loses the second factor: they set it up again.
    response = managers_client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("second_factor_enrol"))


def test_django_otps_device_admins_are_not_offered(client_for, superuser_admin):
    index = client_for(superuser_admin).get(reverse("admin:index")).text
    assert "TOTP device" not in index and "Static device" not in index


def test_administrators_change_the_provider_settings_and_the_change_is_audited(client_for, superuser_admin):
    from auditlog.models import LogEntry

    client = client_for(superuser_admin)
    settings_row = ProviderSettings.load()
    url = reverse("admin:homes_providersettings_change", args=[settings_row.pk])
    response = client.post(url, {"care_staff_need_second_factor": "on"})
    assert response.status_code == 302
    assert ProviderSettings.load().care_staff_need_second_factor
    assert LogEntry.objects.get_for_object(settings_row).filter(actor=superuser_admin).exists()
    assert client.get(reverse("admin:homes_providersettings_delete", args=[settings_row.pk])).status_code == 403


# --- The pages themselves -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["second_factor_enrol", "second_factor_verify", "second_factor_recovery", "recovery_codes"]
)
def test_second_factor_pages_need_a_login_and_refuse_other_methods(manager, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert password_only(manager).put(reverse(name)).status_code == 405


def test_the_form_helper_logs_in_with_the_second_factor_end_to_end(manager):
    assert log_in_through_the_form(Client(), manager.email, PASSWORD) == reverse("dashboard")
    assert log_in_through_the_form(Client(), manager.email, PASSWORD) == reverse("dashboard")
