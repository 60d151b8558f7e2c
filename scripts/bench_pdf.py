"""Benchmark of the review PDFs (`make bench-pdf`): not a test, and not part of `make test` or CI.

1. Builds the meeting pack of a child with two years of records through Hearth's service
   (`report_build`) and sets its time and peak memory beside WeasyPrint's own render of the
   same HTML, with our overhead as a percentage (aim: within 20%).
2. Builds a home's meeting packs (6 children x 3 months by default) with one real Celery worker
   process, then with two, and prints the speed-up (aim: at least 1.7x on two cores). Worker
   processes need a database server: this part runs only with DATABASE_URL set (PostgreSQL),
   on the broker in REDIS_URL (default redis://127.0.0.1:6379/10).

Everything happens in a throwaway database created for the run and dropped after it: with
DATABASE_URL, `<name>_bench` on the same server; without it, var/bench/bench.sqlite3. Files go
to var/bench/media. The demo database and media are never touched.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/10"
# The benchmark's tasks go to their own queue, so no other worker on the same Redis takes them.
QUEUE = "hearth-bench"
YEARS = 2
TIMEOUT_SECONDS = 180

NAMES = [
    ("Siobhán", "Siobhán Ní Bhriain"),
    ("Zoë", "Zoë Adaeze Nwachukwu"),
    ("Kacper", "Kacper Wiśniewski"),
    ("Amira", "Amira Haddad (أميرة حداد)"),
    ("Mei", "Mei Lin Chen"),
    ("Tyler", "Tyler James Brooks"),
    ("Seun", "Oluwaseun Adeyemi"),
    ("Alex", "Alex Morgan"),
]
VOICES = [
    "I like that my door locks from the inside. Can the landing light stay on?",
    "I want to see my nan more than once a month. She's the only one who remembers my birthday.",
    "What if nobody talks to me at lunch? Last time I ate in the toilets.",
    "I didn't mean to smash the mug. My head just went loud and I couldn't stop it.",
    "Green, like the woods at Hardcastle. Not baby green. Proper green.",
    "They only pass to their mates. I'm rubbish anyway so what's the point.",
    "I want to do more stuff on my own, like go to the shop. I'm not a baby.",
]
GOALS = [
    ("brainstem", "Feel safe enough at bedtime to fall asleep"),
    ("diencephalon", "Notice the body's signals and ask for a break"),
    ("limbic", "Trust one adult at school with a worry"),
    ("cortex", "Plan a trip to the shop, step by step"),
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=6, help="children in the home (default 6)")
    parser.add_argument("--months", type=int, default=3, help="months of packs built by the workers (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of one worker then two (best of; default 2)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of the single pack (median; default 7)")
    return parser.parse_args()


def setup_django() -> None:
    """Files under var/bench; with a database server, a broker for the worker part."""
    shutil.rmtree(BENCH_DIR / "media", ignore_errors=True)
    (BENCH_DIR / "media").mkdir(parents=True)
    os.environ["MEDIA_ROOT"] = str(BENCH_DIR / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        os.environ.setdefault("REDIS_URL", DEFAULT_BROKER)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    # Built here with report_build; sent to a broker only in the worker part.
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_default_queue = QUEUE


def create_database() -> str:
    """The throwaway database, migrated; returns the name to restore when dropping it."""
    from django.db import connection

    db = connection.settings_dict
    sqlite = connection.vendor == "sqlite"
    db["TEST"]["NAME"] = str(BENCH_DIR / "bench.sqlite3") if sqlite else f"{db['NAME']}_bench"
    return connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


# --- two years of records -------------------------------------------------------------------


def seed_home(children: int):
    """A home with its people and `children` children, each with two years of records."""
    from homes.models import Home, Membership, User

    home = Home.objects.create(name="Benchmark House", ofsted_urn="SC999999", address="1 Bench Street", capacity=8)
    started = datetime.date.today() - datetime.timedelta(days=365 * (YEARS + 1))

    def person(name: str, role: str) -> User:
        user = User.objects.create_user(email=f"{name.split()[0].lower()}@bench.test", full_name=name, password=None)
        Membership.objects.create(user=user, home=home, role=role, started_on=started)
        return user

    people = {
        "manager": person("Grace Okafor", Membership.Role.MANAGER),
        "assessor": person("Dr Samuel Adeyemi", Membership.Role.ASSESSOR),
        "staff": [person(name, Membership.Role.CARE_STAFF) for name in ("Jess Whitfield", "Ffion Jones", "Tom Hughes")],
    }
    home.registered_manager = people["manager"]
    home.save(update_fields=["registered_manager"])
    return home, people, [seed_child(home, people, n) for n in range(children)]


def seed_child(home, people, n: int):
    from django.utils import timezone

    from children.models import Child

    today = timezone.localdate()
    rng = random.Random(n)
    preferred, legal = NAMES[n % len(NAMES)]
    admitted = today - datetime.timedelta(days=365 * YEARS + 40)
    child = Child.objects.create(
        home=home,
        preferred_name=preferred,
        legal_name=legal,
        date_of_birth=admitted - datetime.timedelta(days=365 * 11 + 30 * n),
        sex=Child.Sex.FEMALE if n % 2 else Child.Sex.MALE,
        legal_status=Child.LegalStatus.CARE_ORDER,
        placing_authority="Calderdale Council",
        school="Hill Top Academy",
        admission_date=admitted,
        key_worker=people["staff"][n % len(people["staff"])],
        assessor=people["assessor"],
    )
    plans = seed_plans(child, people, admitted, today)
    seed_daily_work(child, people, rng, admitted, today, plans)
    seed_assessments(child, people, rng, admitted, today)
    seed_trackers(child, people, admitted, today)
    return child


def _every(start: datetime.date, end: datetime.date, days: int) -> list[datetime.date]:
    return [start + datetime.timedelta(days=d) for d in range(0, (end - start).days, days)]


def _aware(day: datetime.date, hour: int = 17) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed_plans(child, people, admitted: datetime.date, today: datetime.date) -> list:
    """A plan version each quarter (four goals carried across versions) and a risk assessment
    every six months, each superseding the last, the newest active."""
    from children.models import CarePlan, Goal, GoalThread, Risk, RiskAssessment, Trigger

    threads = [GoalThread.objects.create(child=child) for _ in GOALS]
    plans = []
    quarters = _every(admitted, today, 91)
    for version, day in enumerate(quarters, start=1):
        last = version == len(quarters)
        plan = CarePlan.objects.create(
            child=child,
            version=version,
            status=CarePlan.Status.ACTIVE if last else CarePlan.Status.SUPERSEDED,
            created_by=people["manager"],
            created_at=_aware(day, 9),
            signed_off_by=people["manager"],
            signed_off_at=_aware(day, 12),
            superseded_at=None if last else _aware(day + datetime.timedelta(days=91), 12),
            review_date=day + datetime.timedelta(days=91),
            what_matters_to_me=VOICES[version % len(VOICES)],
            what_i_want="To go back to football and see my nan every week.",
            education="Full timetable with a named key adult; a quiet room at lunch.",
            psychotherapy="Weekly dramatherapy at the home.",
        )
        Goal.objects.bulk_create(
            Goal(
                plan=plan,
                thread=thread,
                title=title,
                region=region,
                success_looks_like="Most days of the week, noticed by the adults and said by the child.",
                adult_strategies="The same routine, a calm adult nearby, and time to talk it through after.",
                lead=child.key_worker,
                status=Goal.Status.WORKING if version > 1 else Goal.Status.PLANNED,
            )
            for thread, (region, title) in zip(threads, GOALS, strict=True)
        )
        plans.append(plan)
    halves = _every(admitted, today, 182)
    for version, day in enumerate(halves, start=1):
        last = version == len(halves)
        assessment = RiskAssessment.objects.create(
            child=child,
            version=version,
            status=RiskAssessment.Status.ACTIVE if last else RiskAssessment.Status.SUPERSEDED,
            created_by=people["manager"],
            signed_off_by=people["manager"],
            signed_off_at=_aware(day, 12),
            superseded_at=None if last else _aware(day + datetime.timedelta(days=182), 12),
            early_signs="Goes quiet, pulls the hood up.",
            what_helps="A quiet space and a warm drink; an adult the child knows nearby.",
            what_makes_it_worse="Raised voices; being asked lots of questions.",
        )
        Trigger.objects.bulk_create(
            Trigger(assessment=assessment, what=what, likely_response="Freezes, then may run.", certainty="known")
            for what in ("Doors slamming", "Unexpected visitors", "Bedtime in a dark room")
        )
        Risk.objects.create(
            assessment=assessment,
            description="Going missing after family time",
            likelihood="medium",
            severity="high",
            agreed_response="Stay close after family time; an agreed check-in call.",
        )
    return plans


def seed_daily_work(child, people, rng: random.Random, admitted: datetime.date, today: datetime.date, plans) -> None:
    """Key working every other day (on the goals of the plan in force), one or two activities a
    day, school every weekday and psychotherapy every week, with their registers."""
    from children.models import Activity, KeyWorkingSession, ProvisionArrangement, ProvisionSession

    staff = people["staff"]
    sessions = KeyWorkingSession.objects.bulk_create(
        KeyWorkingSession(
            child=child,
            staff_member=child.key_worker,
            author=child.key_worker,
            happened_at=_aware(day),
            signed_at=_aware(day, 19),
            duration_minutes=rng.choice([25, 30, 40, 45]),
            topic="How the week is going",
            child_voice=rng.choice(VOICES),
            notes="Settled once we were walking; talked about school and home.",
            regulation_before=rng.choice([2, 3, 3, 4]),
            regulation_after=rng.choice([3, 4, 4, 5]),
            follow_ups="Check in again on Friday.",
        )
        for day in _every(admitted + datetime.timedelta(days=1), today, 2)
    )
    goals = {plan.pk: list(plan.goals.all()) for plan in plans}
    links = KeyWorkingSession.goals_worked_on.through
    made = []
    for session in sessions:
        in_force = [plan for plan in plans if plan.signed_off_at <= session.happened_at]
        if in_force:
            for goal in rng.sample(goals[in_force[-1].pk], k=rng.choice([1, 2])):
                made.append(links(keyworkingsession_id=session.pk, goal_id=goal.pk))
    links.objects.bulk_create(made)
    Activity.objects.bulk_create(
        Activity(
            child=child,
            kind=rng.choice([Activity.Kind.ENRICHMENT, Activity.Kind.SOOTHING, Activity.Kind.FAMILY_TIME]),
            date=day,
            duration_minutes=rng.choice([30, 45, 60, 90]),
            region=rng.choice(GOALS)[0],
            note="Baked bread together",
            recorded_by=rng.choice(staff),
        )
        for day in _every(admitted, today, 1)
        for _ in range(rng.choice([1, 1, 2]))
    )
    for kind, frequency, step in (
        (ProvisionArrangement.Kind.EDUCATION, ProvisionArrangement.Frequency.DAILY, 1),
        (ProvisionArrangement.Kind.PSYCHOTHERAPY, ProvisionArrangement.Frequency.WEEKLY, 7),
    ):
        arrangement = ProvisionArrangement.objects.create(
            child=child,
            kind=kind,
            provider="Hill Top Academy" if step == 1 else "Calder Valley Therapy Service",
            description="Full timetable" if step == 1 else "Dramatherapy",
            start_date=admitted,
            frequency=frequency,
            created_by=people["manager"],
        )
        statuses = [ProvisionSession.Status.ATTENDED] * 9 + [ProvisionSession.Status.DID_NOT_ATTEND]
        ProvisionSession.objects.bulk_create(
            ProvisionSession(arrangement=arrangement, date=day, status=rng.choice(statuses), recorded_by=staff[0])
            for day in _every(admitted, today, step)
            if day.weekday() < 5
        )


def seed_assessments(child, people, rng: random.Random, admitted: datetime.date, today: datetime.date) -> None:
    """An assessment every six months, every item of the default instrument scored."""
    from django.utils import timezone

    from assessments.models import Assessment, Item, Score
    from assessments.services.instrument import load_default_instrument

    instrument = load_default_instrument()
    items = list(Item.objects.filter(instrument=instrument).values_list("pk", flat=True))
    for step, day in enumerate(_every(admitted + datetime.timedelta(days=14), today, 182)):
        assessment = Assessment.objects.create(
            child=child,
            instrument=instrument,
            assessor=people["assessor"],
            assessed_on=day,
            kind=Assessment.Kind.INITIAL if step == 0 else Assessment.Kind.REVIEW,
            status=Assessment.Status.FINAL,
            finalised_at=timezone.now(),
            notes="Observed at home and school; consulted the key worker and the child's teacher.",
        )
        Score.objects.bulk_create(
            Score(assessment=assessment, item_id=pk, value=min(4, rng.randint(0, 3) + step // 2)) for pk in items
        )


def seed_trackers(child, people, admitted: datetime.date, today: datetime.date) -> None:
    """A tracker each month; every closed month but the last reviewed in a signed meeting."""
    from django.utils import timezone

    from tracker.models import MonthlyTracker, ReviewMeeting
    from tracker.months import first_of, last_day, next_month, previous_month

    last_closed = previous_month(first_of(today))
    month = first_of(admitted)
    while month <= last_closed:
        reviewed = month < last_closed
        tracker = MonthlyTracker.objects.create(
            child=child,
            month=month,
            psychotherapy_progress="Attended every session; beginning to name feelings before they overwhelm.",
            education_progress="Good attendance; settles faster after break times.",
            child_voice="I like my room now. The swimming was the best bit.",
            priorities="Keep the bedtime routine; plan family time with Nan.",
            locked_at=timezone.now() if reviewed else None,
        )
        if reviewed:
            signed = _aware(last_day(month) + datetime.timedelta(days=10), 15)
            ReviewMeeting.objects.create(
                tracker=tracker,
                held_on=signed.date(),
                manager=people["manager"],
                assessor=people["assessor"],
                decisions="Keep the current plan. Add a weekly swim with the key worker.",
                manager_signed_at=signed,
                assessor_signed_at=signed,
            )
        month = next_month(month)


# --- part 1: one meeting pack -----------------------------------------------------------------


def measure_single_pack(child, runs: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from weasyprint import HTML

    from tracker.models import ReviewReport
    from tracker.pdf import render_report_html
    from tracker.services.report import report_build

    tracker = child.trackers.filter(locked_at__isnull=True).order_by("-month").first()
    report = ReviewReport.objects.create(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)

    def ours() -> None:
        ReviewReport.objects.filter(pk=report.pk).update(status=ReviewReport.Status.QUEUED)
        built = report_build(report_id=report.pk)
        assert built.status == ReviewReport.Status.READY, built.error

    html = render_report_html(report.pk)  # rendered once: WeasyPrint alone is timed on it

    def weasyprint_alone() -> None:
        HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

    def timed(work) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    def peak(work) -> int:
        tracemalloc.start()
        try:
            work()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    ours()  # warm up: fonts, templates, imports
    weasyprint_alone()
    times: dict[str, list[float]] = {"ours": [], "weasyprint": []}
    for _ in range(runs):  # interleaved, so that the shared machine's load falls on both alike
        times["ours"].append(timed(ours))
        times["weasyprint"].append(timed(weasyprint_alone))
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        render_report_html(report.pk)
    html_seconds = time.perf_counter() - start
    peaks = {"peak_ours": peak(ours), "peak_weasyprint": peak(weasyprint_alone)}
    report.refresh_from_db()
    return {
        **peaks,
        "child": child,
        "month": tracker.month,
        "records": _record_counts(child),
        "ours": statistics.median(times["ours"]),
        "weasyprint": statistics.median(times["weasyprint"]),
        "spread": {key: (min(values), max(values)) for key, values in times.items()},
        "html_seconds": html_seconds,
        "queries": len(queries),
        "pdf_bytes": report.file.size,
        "html_bytes": len(html.encode()),
    }


def _record_counts(child) -> dict[str, int]:
    from assessments.models import Assessment
    from children.models import ProvisionSession

    return {
        "key-working sessions": child.key_working_sessions.count(),
        "activities": child.activities.count(),
        "provision sessions": ProvisionSession.objects.filter(arrangement__child=child).count(),
        "assessments": Assessment.objects.filter(child=child).count(),
        "care-plan versions": child.care_plans.count(),
        "risk-assessment versions": child.risk_assessments.count(),
        "monthly trackers": child.trackers.count(),
    }


# --- part 2: a home's packs with one worker and with two --------------------------------------


def measure_workers(children, months: int, rounds: int) -> dict | None:
    from django.db import connection

    if connection.vendor == "sqlite":
        return None
    from config.celery import app
    from tracker.models import MonthlyTracker

    app.conf.task_always_eager = False
    app.control.purge()
    trackers = list(MonthlyTracker.objects.filter(child__in=children).order_by("-month", "child_id"))
    recent = sorted({t.month for t in trackers}, reverse=True)
    # The packs timed are the last `months` closed months'; before them, one pack of the month
    # before warms each worker up (imports, fonts), as a long-running worker would be.
    timed = [t for t in trackers if t.month in recent[:months]]
    warm_ups = [t for t in trackers if t.month == recent[months]]
    # Rounds alternate one worker and two, each followed by the machine's baseline, and the best
    # of each is kept: on a shared machine the load changes within a minute.
    seconds: dict[int, list[float]] = {1: [], 2: []}
    machine, loads = [], []
    for _ in range(rounds):
        for workers in (1, 2):
            seconds[workers].append(_time_with_workers(workers, timed, warm_ups[:workers]))
        machine.append(machine_speedup())
        loads.append(os.getloadavg()[0])
    return {
        "packs": len(timed),
        "children": len(children),
        "months": months,
        "rounds": rounds,
        "seconds": {workers: min(values) for workers, values in seconds.items()},
        "all": seconds,
        "machine": max(machine),
        "load": statistics.mean(loads),
    }


SPIN = "total = 0\nfor n in range(3_000_000 * {units}):\n    total += n\n"


def machine_speedup(units: int = 6) -> float:
    """The baseline: what two processes gain over one on this machine right now, for plain
    CPU-bound Python (other work on a shared machine takes its share of the cores)."""

    def run(processes: int) -> float:
        code = SPIN.format(units=units // processes)
        start = time.perf_counter()
        spinning = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(processes)]  # noqa: S603
        for process in spinning:
            process.wait()
        return time.perf_counter() - start

    return run(1) / run(2)


def _worker_env() -> dict[str, str]:
    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    user = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


def _time_with_workers(count: int, trackers, warm_ups) -> float:
    from config.celery import app
    from tracker.models import ReviewReport
    from tracker.services.report import report_enqueue

    # Each round builds its packs from scratch.
    ReviewReport.objects.filter(tracker__in=[*trackers, *warm_ups]).delete()
    prefix = f"bench{uuid.uuid4().hex[:8]}"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", "-Q", QUEUE]
    command += ["--loglevel=WARNING", "--without-gossip", "--without-mingle"]
    logs = [(BENCH_DIR / f"worker-{count}-{n}.log").open("w") for n in range(count)]
    processes = [
        subprocess.Popen(  # noqa: S603 - our own command line
            [*command, "-n", f"{prefix}-{n}@%h"], cwd=BASE_DIR, env=_worker_env(), stdout=log, stderr=log
        )
        for n, log in enumerate(logs)
    ]
    try:
        _wait(lambda: len([r for r in app.control.ping(timeout=0.5) if next(iter(r)).startswith(prefix)]) == count)
        warm = [report_enqueue(tracker=t, kind=ReviewReport.Kind.MEETING_PACK).pk for t in warm_ups]
        _wait_until_ready(warm)
        start = time.perf_counter()
        reports = [report_enqueue(tracker=t, kind=ReviewReport.Kind.MEETING_PACK).pk for t in trackers]
        _wait_until_ready(reports)
        return time.perf_counter() - start
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)
        for log in logs:
            log.close()


def _wait(done) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the workers did not answer in time")
        time.sleep(0.02)


def _wait_until_ready(report_ids: list[int]) -> None:
    from tracker.models import ReviewReport

    def done() -> bool:
        statuses = dict(ReviewReport.objects.filter(pk__in=report_ids).values_list("pk", "status"))
        failed = [pk for pk, status in statuses.items() if status == ReviewReport.Status.FAILED]
        if failed:
            raise RuntimeError(f"reports {failed} failed: {ReviewReport.objects.get(pk=failed[0]).error}")
        return all(status == ReviewReport.Status.READY for status in statuses.values())

    _wait(done)


# --- the table ------------------------------------------------------------------------------


def report(single: dict, workers: dict | None, database: str, seed_seconds: float, total_seconds: float) -> None:
    import weasyprint
    from django.db import connection

    overhead = (single["ours"] - single["weasyprint"]) / single["weasyprint"] * 100
    records = ", ".join(f"{count} {kind}" for kind, count in single["records"].items())
    print()
    print(f"Hearth PDF benchmark · {datetime.datetime.now():%Y-%m-%d %H:%M} · {os.cpu_count()} CPUs")
    print(f"WeasyPrint {weasyprint.__version__} · Python {sys.version.split()[0]} · {connection.vendor} ({database})")
    print(f"Records of {single['child'].preferred_name} ({YEARS} years): {records}; seeded in {seed_seconds:.1f} s")
    print()
    print(f"1. Meeting pack for {single['month']:%B %Y}: {single['pdf_bytes'] / 1024:.0f} KB PDF from ", end="")
    print(f"{single['html_bytes'] / 1024:.0f} KB of HTML (median of the timed runs; min-max)")
    rows = [
        ("Hearth report_build (queries, HTML, PDF, save)", "ours", "peak_ours"),
        ("WeasyPrint alone, the same HTML", "weasyprint", "peak_weasyprint"),
    ]
    print(f"   {'':50} {'time':>9} {'min-max':>15} {'peak memory':>12}")
    for label, key, peak in rows:
        low, high = single["spread"][key]
        print(f"   {label:50} {single[key]:8.3f}s {low:6.3f}-{high:.3f}s {single[peak] / 2**20:9.1f} MB")
    html_label = f"of which the HTML: {single['queries']} queries and the templates"
    print(f"   {html_label:50} {single['html_seconds']:8.3f}s")
    fastest = (single["spread"]["ours"][0] - single["spread"]["weasyprint"][0]) / single["spread"]["weasyprint"][0]
    verdict = "within" if overhead <= 20 else "OVER"
    print(f"   Our overhead over WeasyPrint: {overhead:+.1f}% ({verdict} the 20% aim); ", end="")
    print(f"between the fastest runs: {fastest * 100:+.1f}%")
    print("   Peak memory is what Python allocated (tracemalloc), measured in a separate untimed run;")
    print(f"   the process's maximum resident size over the whole run: {_max_rss_mb():.0f} MB")
    print()
    if workers is None:
        print("2. One worker against two: skipped. Worker processes share the database, which needs")
        print("   DATABASE_URL (PostgreSQL); set it (and REDIS_URL, default " + DEFAULT_BROKER + ") to run this part.")
    else:
        one, two = workers["seconds"][1], workers["seconds"][2]
        speedup = one / two
        print(f"2. The home's meeting packs: {workers['packs']} packs ({workers['children']} children x ", end="")
        print(f"{workers['months']} month(s)), real `celery worker --concurrency=1` processes on {_broker()}")
        print(f"   best of {workers['rounds']} rounds, alternating; every round in brackets")
        for count, label in ((1, "one worker process"), (2, "two worker processes")):
            best, rounds = workers["seconds"][count], ", ".join(f"{t:.1f}" for t in workers["all"][count])
            print(f"   {label:50} {best:8.3f}s {workers['packs'] / best:8.2f} packs/s  ({rounds} s)")
        verdict = "meets" if speedup >= 1.7 else "BELOW"
        print(f"   Speed-up: {speedup:.2f}x ({verdict} the 1.7x aim)")
        print(f"   Baseline: plain CPU-bound Python gains at best {workers['machine']:.2f}x from a second process")
        print(f"   on this machine during the run (load average {workers['load']:.1f} on {os.cpu_count()} CPUs)")
    print()
    print(f"Whole run: {total_seconds:.0f} s")


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _broker() -> str:
    from django.conf import settings

    return settings.CELERY_BROKER_URL


def main() -> None:
    args = parse_args()
    began = time.perf_counter()
    setup_django()
    from django.db import connection

    old_name = create_database()
    try:
        start = time.perf_counter()
        _, _, children = seed_home(args.children)
        seed_seconds = time.perf_counter() - start
        single = measure_single_pack(children[0], args.runs)
        workers = measure_workers(children, args.months, args.rounds)
        report(single, workers, connection.settings_dict["NAME"], seed_seconds, time.perf_counter() - began)
    finally:
        start = time.perf_counter()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        print(f"(dropped the benchmark's database in {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
