"""Real-browser journeys: Debian's Chromium driven by Playwright for Python.

Never `playwright install` (it downloads a browser, which cannot happen here): the tests
use the system Chromium. Where it is absent they skip, except in CI, where they fail.
"""

import os
import shutil

import pytest

# pytest-django's live_server runs in a thread beside Playwright's event loop; Django's
# async-safety check would refuse the ORM calls the test makes. Only the tests set this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IPAD_PORTRAIT = {"width": 810, "height": 1080}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: CI must install Debian's chromium package.")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser journeys skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- Issue 9 (escape): every journey checks the Content-Security-Policy. ---
# Each document reports its `securitypolicyviolation` events to Python as they happen (a
# binding survives navigation, where a list kept in the page would not); Chromium's console
# message for a refused inline script or style is caught as well, in case a page unloads
# before its event is delivered, and so is its complaint about a Permissions-Policy header it
# cannot read.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.hearthCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.href}:${event.lineNumber} (${event.sample || ""})`);
});
"""


def _watch_csp(context, page) -> list[str]:
    violations: list[str] = []
    context.expose_binding("hearthCspViolation", lambda source, text: violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", lambda message: _note_console(message.text, violations))
    return violations


def _note_console(text: str, violations: list[str]) -> None:
    if "Content Security Policy" in text or "Permissions-Policy" in text:
        violations.append(f"console: {text}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=IPAD_PORTRAIT, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations = _watch_csp(context, page)
    yield page
    if not page.is_closed():
        page.wait_for_timeout(200)  # let the last page's events reach Python
    context.close()
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations), pytrace=False)


@pytest.fixture
def log_in(page, live_server):
    """log_in(email, password): the login form, then the second factor when the person's role
    needs one (issue 9), as a person would: on first login the set-up page's key is read from the
    page and the code computed from it as an authenticator app would, and the recovery codes are
    confirmed as kept; later logins enter the current code. `lands_on` is the path expected at the
    end (the dashboard, or the page a `next` leads back to)."""

    def log_in_as(email: str, password: str, lands_on: str = "/") -> None:
        if "/accounts/login/" not in page.url:
            page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        _second_factor_in_browser(page, email)
        page.wait_for_url(f"{live_server.url}{lands_on}")

    return log_in_as


# --- Second factor in the browser (issue 9, auth slice) ------------------------------------------


def _second_factor_in_browser(page, email: str) -> None:
    import base64

    from django_otp.oath import totp

    from homes.models import User
    from tests.second_factor import authenticator_for, next_code

    if "/accounts/second-factor/set-up/" in page.url:
        key = base64.b32decode(page.locator("#setup-key").inner_text().replace(" ", ""))
        page.get_by_label("6-digit code from your app").fill(f"{totp(key):06d}")
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm and continue").click()
        page.get_by_label("I have printed these codes").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    elif "/accounts/second-factor/" in page.url:
        device = authenticator_for(User.objects.get(email=email.lower()))
        page.get_by_label("6-digit code from your app").fill(next_code(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
