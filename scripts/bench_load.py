"""Load run (`make bench-load`): not a test, and not part of `make test` or CI.

Serves a database `make bench` generated (run it once with BENCH_ARGS=--keep) with gunicorn,
as the Dockerfile does (3 sync workers), and drives it for two minutes with 50 simulated care
staff across the provider's homes, each doing their shift over and over with a few seconds
between pages: the dashboard, one of their key children's page, the child's key working (the
list and the form to log a session), daily care, the monthly reviews, the before-shift sheet,
and once in a while a review PDF downloaded (by the demo's manager, whose home has them). It
prints the throughput, the median and p95 response times and the errors (anything but 200:
there must be none), overall and per page.

Each simulated person gets a real session (logged in, second factor passed, as the tests do),
made before the run, so the run measures pages, not logins.

    make bench-load                               # the full-size database, else the tenth
    make bench-load BENCH_LOAD_ARGS="--users 50 --seconds 120 --think 2"
"""

# The commands run are gunicorn from this virtualenv, never input (S603); the URLs are our own (S310).
# ruff: noqa: S603, S310

import argparse
import collections
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402 - the generator's databases and its way of logging in

BASE_DIR = bench.BASE_DIR


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50, help="simulated staff (default 50)")
    parser.add_argument("--seconds", type=int, default=120, help="how long the run lasts (default 120)")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a person's pages (default 2)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, as the Dockerfile)")
    parser.add_argument("--port", type=int, default=8061)
    parser.add_argument("--size", type=float, help="which kept bench database (default: the largest there is)")
    return parser.parse_args()


def choose_database(size: float | None) -> str:
    sizes = [size] if size else [1.0, 0.5, 0.1, 0.05]
    for candidate in sizes:
        name = f"{bench.base_name()}_bench_{bench.size_tag(candidate)}"
        if bench.database_exists(name):
            return name
    sys.exit("No database from make bench: run `make bench BENCH_ARGS=--keep` first.")


def shifts(users: int) -> tuple[list[dict], tuple[str, str, str] | None]:
    """For each simulated person (care staff spread over the homes): their session cookie and
    their shift's URLs. Runs in this process against the chosen database."""
    from django.urls import reverse

    from children.models import Child
    from homes.models import Membership
    from tracker.models import ReviewReport

    staff = (
        Membership.objects.filter(role=Membership.Role.CARE_STAFF, user__key_children__discharge_date__isnull=True)
        .distinct()
        .select_related("user", "home")
        .order_by("home_id", "user_id")
    )
    by_home = collections.defaultdict(list)
    for membership in staff:
        by_home[membership.home_id].append(membership)
    chosen, rounds = [], 0
    while len(chosen) < users and rounds < 20:  # one from each home, then a second from each...
        for members in by_home.values():
            if rounds < len(members) and len(chosen) < users:
                chosen.append(members[rounds])
        rounds += 1
    report = ReviewReport.objects.filter(status=ReviewReport.Status.READY).order_by("-pk").first()
    manager = bench.logged_in(bench.PERSONAS["manager"]).cookies["sessionid"].value
    people = []
    # At a small size there are fewer care staff than simulated people: some log in twice (two
    # sessions, as on two iPads).
    chosen = [chosen[n % len(chosen)] for n in range(users * 2)] if chosen else []
    for membership in chosen:
        if len(people) == users:
            break
        child = Child.objects.filter(key_worker=membership.user, home=membership.home).in_placement().first()
        if child is None:
            continue
        cookie = bench.logged_in(membership.user.email).cookies["sessionid"].value
        pages = [
            ("dashboard", reverse("dashboard")),
            ("child's page", reverse("child_detail", args=[child.pk])),
            ("key working", reverse("key_working_list", args=[child.pk])),
            ("log key working (form)", reverse("key_working_add", args=[child.pk])),
            ("daily care", reverse("activity_log", args=[child.pk])),
            ("monthly reviews", reverse("child_reviews", args=[child.pk])),
            ("before-shift sheet", reverse("before_shift", args=[membership.home_id])),
        ]
        people.append({"cookie": cookie, "pages": pages})
    pdf = ("review PDF download", reverse("report_download", args=[report.pk]), manager) if report else None
    return people, pdf


def get(port: int, url: str, cookie: str) -> tuple[int, float, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    body = b""
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000, body


# A page whose navigation count is not known from the last two minutes asks for it once loaded
# (static/js/tasks-due.js): the browser's request, made here too.
ASKS_FOR_COUNT = re.compile(rb'data-tasks-due-from="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect (to the login page) is an error here
        return None


def run(people: list[dict], pdf, port: int, seconds: int, think: float) -> dict:
    results = collections.defaultdict(list)  # page -> [(status, ms)]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def shift(person: dict, number: int) -> None:
        rng = random.Random(number)
        time.sleep(rng.uniform(0, think))  # people do not all start at once
        pdf_done = False
        while time.monotonic() < deadline:
            for name, url in person["pages"]:
                if time.monotonic() >= deadline:
                    break
                status, ms, body = get(port, url, person["cookie"])
                with lock:
                    results[name].append((status, ms))
                if asks := ASKS_FOR_COUNT.search(body):
                    status, ms, _ = get(port, asks.group(1).decode(), person["cookie"])
                    with lock:
                        results["navigation's count"].append((status, ms))
                time.sleep(rng.expovariate(1 / think))
            if pdf and not pdf_done:
                status, ms, _ = get(port, pdf[1], pdf[2])
                with lock:
                    results[pdf[0]].append((status, ms))
                pdf_done = True

    threads = [threading.Thread(target=shift, args=(person, n)) for n, person in enumerate(people)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"results": results, "elapsed": time.monotonic() - started}


def report(outcome: dict, users: int, homes: int, workers: int) -> int:
    results, elapsed = outcome["results"], outcome["elapsed"]
    every = [item for items in results.values() for item in items]
    errors = sum(1 for status, _ in every if status != 200)
    times = [ms for _, ms in every]
    print(f"\n{users} simulated staff across {homes} homes, {elapsed:.0f} s, gunicorn with {workers} workers")
    print(f"{'page':<26}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for name, items in results.items():
        ms = [m for _, m in items]
        bad = sum(1 for status, _ in items if status != 200)
        print(f"{name:<26}{len(items):>9}{statistics.median(ms):>11.0f}{bench.percentile(ms, 0.95):>9.0f}{bad:>8}")
    print(
        f"{'all':<26}{len(every):>9}{statistics.median(times):>11.0f}{bench.percentile(times, 0.95):>9.0f}{errors:>8}"
    )
    print(f"throughput: {len(every) / elapsed:.1f} requests a second; errors: {errors}")
    return 1 if errors else 0


def main() -> int:
    args = parse_args()
    database = choose_database(args.size)
    os.environ["DATABASE_URL"] = bench.url_for(database)
    os.environ.pop("REDIS_URL", None)
    bench.setup_django()
    import logging

    logging.disable(logging.WARNING)
    from homes.models import Home

    urllib.request.install_opener(urllib.request.build_opener(NoRedirect))
    print(f"database {database}: preparing {args.users} sessions...", flush=True)
    people, pdf = shifts(args.users)
    homes = Home.objects.count()
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--timeout",
        "30",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env)
    try:
        for _ in range(60):  # wait for gunicorn to answer
            if get(args.port, "/health/", "")[0] in (200, 503):
                break
            time.sleep(0.5)
        for person in people[:3]:  # warm each worker's templates
            for _, url in person["pages"]:
                get(args.port, url, person["cookie"])
        print(f"driving for {args.seconds} s...", flush=True)
        outcome = run(people, pdf, args.port, args.seconds, args.think)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(outcome, len(people), homes, args.workers)


if __name__ == "__main__":
    sys.exit(main())
