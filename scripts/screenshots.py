"""Screenshots of Hearth at iPad portrait (`make screenshots`): each demo role's dashboard and a
child's page, for docs/screenshots/ and the README. Not a test, and not part of `make test`.

1. Builds a throwaway SQLite database under var/screenshots (never the demo's var/hearth.sqlite3),
   migrates it and seeds the demo (`manage.py seed_demo`), whose output lists one login per role.
2. Serves it with `manage.py runserver` on a free local port, in a subprocess.
3. Logs in as each role in headless Debian Chromium (Playwright, never `playwright install`),
   passing the second factor as a person would: at the first login the set-up page shows the
   key, from which the code is computed as an authenticator app would, and the recovery codes
   are confirmed as kept.
4. Saves docs/screenshots/<role>-dashboard.png (the first screen, 810 x 1080) and, as the key
   worker, child-page.png.

    .venv/bin/python scripts/screenshots.py [--full-page] [--out docs/screenshots]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = BASE_DIR / "var" / "screenshots"
DEFAULT_OUT = BASE_DIR / "docs" / "screenshots"
# The role whose child's page is shown: a key worker, who starts most shifts there.
CHILD_PAGE_ROLE = "care-staff"
# seed_demo prints "  <role label>  <email>[  (second factor: …)]" for each demo login.
LOGIN_LINE = re.compile(r"^ {2}(?P<role>\S.*?) {2,}(?P<email>\S+@\S+)")
SERVER_START_SECONDS = 60


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the PNGs go (default docs/screenshots)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
    return parser.parse_args()


def environment() -> dict[str, str]:
    """Hearth's settings pointed at the throwaway database and files; tasks run inline."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{WORK_DIR / 'hearth.sqlite3'}",
        HEARTH_VAR_DIR=str(WORK_DIR),
        MEDIA_ROOT=str(WORK_DIR / "media"),
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="true",  # runserver serves the static files
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def seed(env: dict[str, str]) -> list[tuple[str, str]]:
    """A fresh database with the demo; returns (role slug, email) for each demo login."""
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    (WORK_DIR / "media").mkdir(parents=True)
    manage(env, "migrate", "--noinput")
    logins = []
    for line in manage(env, "seed_demo").splitlines():
        if match := LOGIN_LINE.match(line):
            logins.append((slug(match["role"]), match["email"]))
    if not logins:
        raise SystemExit("seed_demo listed no logins: has its output changed?")
    return logins


def slug(label: str) -> str:
    """'Registered manager (Willow House)' -> 'registered-manager-willow-house'."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/health/", timeout=2)  # noqa: S310 - our own http:// address
            return server, url
        except OSError:
            if server.poll() is not None:
                raise SystemExit("runserver stopped before it answered.") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"runserver did not answer within {SERVER_START_SECONDS} seconds.")


def log_in(page, url: str, email: str) -> None:
    """The login form, then the second factor where the role needs one, exactly as the browser
    journeys do (tests/e2e/conftest.py): a fresh demo, so each login sets up its authenticator."""
    from homes.demo import DEMO_PASSWORD
    from tests.e2e.conftest import _second_factor_in_browser

    page.goto(f"{url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    _second_factor_in_browser(page, email)
    page.wait_for_url(f"{url}/")


def child_link(page) -> str | None:
    """The page of one of the person's key children if the dashboard marks one, else any child's."""
    for links in (page.locator("tr:has-text('your key child') a"), page.locator("a")):
        for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            if href and re.fullmatch(r"/children/\d+/", href):
                return href
    return None


def shoot(logins: list[tuple[str, str]], url: str, out: Path, full_page: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, IPAD_PORTRAIT  # how Hearth drives Chromium

    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for role, email in logins:
            # A context per person: nobody's session or local drafts leak into the next picture.
            context = browser.new_context(viewport=IPAD_PORTRAIT, locale="en-GB", timezone_id="Europe/London")
            page = context.new_page()
            log_in(page, url, email)
            saved.append(out / f"{role}-dashboard.png")
            page.screenshot(path=saved[-1], full_page=full_page)
            if role.startswith(CHILD_PAGE_ROLE) and (child := child_link(page)):
                page.goto(f"{url}{child}")
                saved.append(out / "child-page.png")
                page.screenshot(path=saved[-1], full_page=full_page)
            context.close()
        browser.close()
    return saved


def main() -> None:
    args = parse_args()
    env = environment()
    os.environ.update(env)  # this process reads the second-factor keys from the same database
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from tests.e2e.conftest import CHROMIUM

    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).")
    print("Seeding the demo in var/screenshots …", flush=True)
    logins = seed(env)
    server, url = serve(env)
    try:
        saved = shoot(logins, url, args.out, args.full_page)
    finally:
        server.terminate()
        server.wait(timeout=10)
    for path in saved:
        print(f"  {path.relative_to(BASE_DIR) if path.is_relative_to(BASE_DIR) else path}")
    if not any(path.name == "child-page.png" for path in saved):
        raise SystemExit("No child's page was shot: the care staff dashboard linked to no child.")


if __name__ == "__main__":
    main()
