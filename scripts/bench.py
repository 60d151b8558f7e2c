"""Scale benchmark (`make bench`): not a test, and not part of `make test` or CI.

Generates a provider at two sizes (by default a tenth and the whole: 4 and 40 homes, five years
of records, a realistic audit log) in throwaway PostgreSQL databases, then times every main page
for every role in interleaved rounds and prints, per page: queries at each size, median and p95
at each size, the growth ratio (p95 at the larger size over the smaller) and the multiple of a
trivial view's time measured in the same run. Exits non-zero if a page's query count differs
between the sizes (the pages' cost must not grow with the data).

How the data is made fast (minutes, not hours): the demo provider (`seed_demo`: two homes with
every kind of record, one login per role) is migrated and seeded once into a template database,
and each size is a copy of it (CREATE DATABASE ... TEMPLATE). Each copy then gets the other
homes (people with one password hash between them, children, memberships: bulk_create), and
every child's five years of key working, daily care and monthly trackers, supervision sessions,
training renewals and the audit log's reads and changes, by INSERT ... SELECT over
generate_series in PostgreSQL. The demo children are given the same five years (their admission
moved back), so the pages timed are the demo's children and people, whose own records are the
same at both sizes: only the provider around them grows.

Rates at full size (40 homes): 10 children a home over five years (6 in placement), 10 staff and
an assessor a home, key working every other day, three activities every two days, a tracker a
month (reviewed in a signed meeting by the next, but one month in forty), monthly supervision,
each course renewed on expiry, and 4.1 million audit entries (reads of children and records,
creations and changes). `--sizes` takes fractions of that: `--sizes 0.1,1` (the default), or
`--sizes 0.05,0.5` on a slow machine.

Databases: `<name>_bench_template` and `<name>_bench_<size>` on DATABASE_URL's server (default
postgres://postgres@127.0.0.1:5432/hearth_perf), dropped at the end unless `--keep`; `--reuse`
times databases kept from an earlier run without generating them again.
"""

# The SQL below is built from this file's own constants, never from input (S608); the commands run
# are this interpreter and manage.py (S603).
# ruff: noqa: S603, S608

import argparse
import contextlib
import datetime
import gc
import math
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hearth_perf"
FULL_HOMES = 40
YEARS = 5
CHILDREN_PER_HOME = 10
IN_PLACEMENT_PER_HOME = 6
STAFF_PER_HOME = 10
FULL_AUDIT_ENTRIES = 4_100_000
KEY_WORKING_EVERY_DAYS = 2
# The p95 target and the largest growth allowed from the smaller size to the larger (issue 14).
TARGET_P95_MS = 150
TARGET_GROWTH = 1.5


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.1,1", help="fractions of the 40-home provider (default 0.1,1)")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds of every page at every size (default 9)")
    parser.add_argument("--pages", default="", help="only the pages whose name matches this regular expression")
    parser.add_argument("--keep", action="store_true", help="keep the databases after the run")
    parser.add_argument("--reuse", action="store_true", help="time databases kept by an earlier --keep run")
    parser.add_argument(
        "--reuse-template", action="store_true", help="generate from the template database an earlier --keep run left"
    )
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for the README)")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- databases -------------------------------------------------------------------------------


def base_url() -> str:
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("make bench needs PostgreSQL: set DATABASE_URL=postgres://... (a server, not SQLite)")
    return url


def url_for(name: str) -> str:
    parts = urlsplit(base_url())
    return urlunsplit(parts._replace(path=f"/{name}"))


def base_name() -> str:
    return urlsplit(base_url()).path.lstrip("/") or "hearth_perf"


def size_tag(scale: float) -> str:
    return f"{round(scale * 1000):04d}"  # 0.1 -> 0100, 1 -> 1000


def admin_sql(*statements: str) -> None:
    import psycopg

    with psycopg.connect(url_for("postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(url_for("postgres"), autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def run_manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "CELERY_TASK_ALWAYS_EAGER": "1"}
    env.pop("REDIS_URL", None)  # the demo's PDFs are built inline, not sent to a broker
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def make_template() -> str:
    name = f"{base_name()}_bench_template"
    started = time.perf_counter()
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    run_manage(url_for(name), "migrate", "--noinput")
    run_manage(url_for(name), "seed_demo")
    print(f"template (migrations and the demo provider): {time.perf_counter() - started:.0f} s", flush=True)
    return name


def generate(template: str, scale: float) -> str:
    name = f"{base_name()}_bench_{size_tag(scale)}"
    started = time.perf_counter()
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    env = {**os.environ, "DATABASE_URL": url_for(name)}
    env.pop("REDIS_URL", None)
    command = [sys.executable, __file__, "--generate-only", "--scale", str(scale)]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    print(f"size {scale:g}: generated in {time.perf_counter() - started:.0f} s", flush=True)
    return name


# --- the generator (runs in its own process, on one database) ---------------------------------


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def generate_here(scale: float) -> None:
    """Fill the database (a copy of the template) up to `scale` of the 40-home provider."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.db.models import F, Value
    from django.db.models.functions import Greatest

    from children.models import Child
    from homes.models import Home, Membership, User

    today = datetime.date.today()
    start = today - datetime.timedelta(days=365 * YEARS)
    homes_wanted = max(round(FULL_HOMES * scale), Home.objects.count())
    password = make_password("bench-not-a-login")  # one hash for everyone: hashing is slow by design
    timings = {}

    def step(label: str):
        timings[label] = time.perf_counter()
        print(f"  {label}...", flush=True)

    with transaction.atomic():
        step("homes, people and children")
        existing = Home.objects.count()
        new_homes = Home.objects.bulk_create(
            Home(name=f"Bench Home {n:03d}", ofsted_urn=f"SC{900000 + n}", address=f"{n} Bench Road", capacity=8)
            for n in range(existing + 1, homes_wanted + 1)
        )
        users, roles = [], []
        for home in new_homes:
            for n in range(STAFF_PER_HOME):
                role = (
                    Membership.Role.MANAGER
                    if n == 0
                    else (Membership.Role.DEPUTY_MANAGER if n == 1 else Membership.Role.CARE_STAFF)
                )
                users.append(
                    User(
                        email=f"staff{n}.home{home.pk}@bench.test",
                        full_name=f"Staff {n} of {home.name}",
                        password=password,
                    )
                )
                roles.append((home, role))
            # Each home's children have a clinical assessor of their own (who reviews their months).
            users.append(
                User(
                    email=f"assessor.home{home.pk}@bench.test", full_name=f"Assessor of {home.name}", password=password
                )
            )
            roles.append((home, Membership.Role.ASSESSOR))
        User.objects.bulk_create(users, batch_size=2000)
        pairs = zip(users, roles, strict=True)
        Membership.objects.bulk_create(
            Membership(user=user, home=home, role=role, started_on=start) for user, (home, role) in pairs
        )
        staff_of, assessor_of = {}, {}
        for user, (home, role) in zip(users, roles, strict=True):
            if role == Membership.Role.ASSESSOR:
                assessor_of[home.pk] = user
            else:
                staff_of.setdefault(home.pk, []).append(user)
        children = []
        for home in new_homes:
            for n in range(CHILDREN_PER_HOME):
                in_placement = n < IN_PLACEMENT_PER_HOME
                admitted = start + datetime.timedelta(days=(n * 173 + home.pk * 37) % (365 * YEARS - 200))
                left = None if in_placement else admitted + datetime.timedelta(days=120 + (n * 97) % 500)
                if left and left >= today:
                    left = today - datetime.timedelta(days=1)
                children.append(
                    Child(
                        home=home,
                        legal_name=f"Child {n} of {home.name}",
                        preferred_name=f"Child {n}",
                        date_of_birth=admitted - datetime.timedelta(days=365 * 8 + n * 100),
                        sex=Child.Sex.FEMALE if n % 2 else Child.Sex.MALE,
                        legal_status=Child.LegalStatus.CARE_ORDER,
                        placing_authority="Bench Borough Council",
                        admission_date=admitted,
                        discharge_date=left,
                        discharge_destination="Home to family" if left else "",
                        key_worker=staff_of[home.pk][2 + n % (STAFF_PER_HOME - 2)],
                        assessor=assessor_of[home.pk],
                    )
                )
        Child.objects.bulk_create(children, batch_size=2000)
        # The demo's children get the same five years: admitted at the start, their own recent
        # records (made by seed_demo) kept as they are.
        demo_homes = [home.pk for home in Home.objects.exclude(pk__in=[h.pk for h in new_homes])]
        Child.objects.filter(home__in=demo_homes, discharge_date__isnull=True).update(
            admission_date=Greatest(Value(start), F("date_of_birth"))
        )

    with connection.cursor() as cursor:
        step("placement days")
        cursor.execute(PLACEMENT_DAYS)
        step("key working (every other day)")
        cursor.execute(KEY_WORKING_SQL)
        step("daily care and enrichment (three every two days)")
        cursor.execute(ACTIVITY_SQL)
        step("monthly trackers")
        cursor.execute(TRACKER_SQL)
        step("review meetings (every month before the last)")
        cursor.execute(MEETING_SQL)
        cursor.execute(LOCK_SQL)
        step("supervision")
        cursor.execute(SUPERVISION_SQL)
        cursor.execute(ATTENDANCE_SQL)
        step("training")
        cursor.execute(TRAINING_SQL)
        step("audit log: changes")
        cursor.execute(AUDIT_CREATES_SQL)
        cursor.execute("SELECT count(*) FROM auditlog_logentry")
        have = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM children_child")
        child_count = cursor.fetchone()[0]
        wanted = round(FULL_AUDIT_ENTRIES * homes_wanted / FULL_HOMES)
        per_child = max((wanted - have) // max(child_count, 1), 0)
        step(f"audit log: reads ({per_child} a child)")
        cursor.execute(AUDIT_READS_SQL.replace(":per_child", str(per_child)))
    step("vacuum and analyse")
    # Outside the transaction (VACUUM cannot run in one): the tables as a running database has
    # them, statistics and visibility map made, so no autovacuum of the fresh rows runs under
    # the timed rounds.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    timings["end"] = time.perf_counter()
    labels = list(timings)
    for label, following in zip(labels, labels[1:], strict=False):
        print(f"    {label}: {timings[following] - timings[label]:.1f} s")
    with connection.cursor() as cursor:
        for table in BIG_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
            print(f"    {table}: {cursor.fetchone()[0]:,} rows")
        cursor.execute("SELECT pg_database_size(current_database())")
        print(f"    database: {cursor.fetchone()[0] / 1024**3:.2f} GB")


BIG_TABLES = [
    "homes_home",
    "homes_user",
    "children_child",
    "children_keyworkingsession",
    "children_activity",
    "tracker_monthlytracker",
    "tracker_reviewmeeting",
    "supervision_supervisionsession",
    "supervision_trainingrecord",
    "auditlog_logentry",
]

# Each child's placement days, up to the day before their earliest record already there (the
# demo's own recent records stay as they are); deterministic, so both sizes hold the same
# records for the demo's children.
PLACEMENT_DAYS = """
CREATE TEMPORARY TABLE bench_days AS
    SELECT c.id AS child_id, c.home_id, d::date AS day,
           coalesce(c.key_worker_id, (SELECT m.user_id FROM homes_membership m
                                       WHERE m.home_id = c.home_id ORDER BY m.id LIMIT 1)) AS worker_id
    FROM children_child c
    CROSS JOIN LATERAL generate_series(
        c.admission_date,
        least(coalesce(c.discharge_date, current_date - 1),
              coalesce((SELECT min(s.happened_at)::date - 1 FROM children_keyworkingsession s WHERE s.child_id = c.id),
                       current_date - 1)),
        interval '1 day') AS d
"""

KEY_WORKING_SQL = f"""
INSERT INTO children_keyworkingsession
    (child_id, staff_member_id, author_id, happened_at, signed_at, updated_at, duration_minutes, topic,
     child_voice, notes, regulation_before, regulation_after, follow_ups, archived)
SELECT p.child_id, p.worker_id, p.worker_id,
       (p.day + time '16:30') AT TIME ZONE 'Europe/London',
       (p.day + time '18:00') AT TIME ZONE 'Europe/London',
       (p.day + time '18:00') AT TIME ZONE 'Europe/London',
       45, 'How the week went',
       'I liked the walk by the canal. Can we go again on Saturday?',
       'Talked while walking; noticed shoulders dropping after ten minutes.',
       2 + (p.child_id + (p.day - date '2000-01-01')) % 3, 3 + (p.child_id + (p.day - date '2000-01-01')) % 3, '', false
FROM bench_days p
WHERE (p.day - date '2000-01-01') % {KEY_WORKING_EVERY_DAYS} = 0
"""

ACTIVITY_SQL = """
INSERT INTO children_activity
    (child_id, recorded_by_id, date, kind, duration_minutes, region, note, recorded_at, archived)
SELECT p.child_id, p.worker_id, p.day,
       (ARRAY['enrichment','soothing','family_time','education','health','other'])[1 + (p.child_id + n) % 6],
       30 + 15 * ((p.child_id + n) % 4),
       (ARRAY['brainstem','diencephalon','limbic','cortex',''])[1 + (p.day - date '2000-01-01' + n) % 5],
       'Swimming, then hot chocolate',
       (p.day + time '20:00') AT TIME ZONE 'Europe/London', false
FROM bench_days p
CROSS JOIN generate_series(1, 2) AS n
WHERE n = 1 OR (p.day - date '2000-01-01') % 2 = 0
"""

TRACKER_SQL = """
INSERT INTO tracker_monthlytracker
    (child_id, month, psychotherapy_progress, education_progress, child_voice, priorities, opened_at, updated_at,
     locked_at, revision)
SELECT c.id, m::date, 'Settling with the therapist.', 'Attending every day.', 'School is OK.', 'Keep the routine.',
       m + interval '1 month', m + interval '1 month', NULL, 1
FROM children_child c
CROSS JOIN LATERAL generate_series(date_trunc('month', c.admission_date),
                                   date_trunc('month', coalesce(c.discharge_date, current_date)) - interval '1 month',
                                   interval '1 month') AS m
ON CONFLICT DO NOTHING
"""

# The months are reviewed: every generated month before last has its signed meeting with the
# home's manager and the child's assessor (the month just closed is still to be reviewed, as in a
# real home), but for one month in forty, which stays overdue.
MEETING_SQL = """
INSERT INTO tracker_reviewmeeting
    (tracker_id, held_on, manager_id, assessor_id, others_present, decisions, plan_change, manager_signed_at,
     assessor_signed_at, recorded_at, updated_at, revision)
SELECT t.id, (t.month + interval '1 month 7 days')::date, boss.user_id, c.assessor_id, '',
       'Keep the routine; review again next month.', '',
       t.month + interval '1 month 8 days', t.month + interval '1 month 8 days',
       t.month + interval '1 month 7 days', t.month + interval '1 month 8 days', 1
FROM tracker_monthlytracker t
JOIN children_child c ON c.id = t.child_id
CROSS JOIN LATERAL (SELECT m.user_id FROM homes_membership m
                    WHERE m.home_id = c.home_id AND m.role = 'manager' ORDER BY m.id LIMIT 1) AS boss
WHERE t.psychotherapy_progress = 'Settling with the therapist.'
  AND t.month < date_trunc('month', current_date) - interval '1 month'
  AND c.assessor_id IS NOT NULL AND c.assessor_id <> boss.user_id
  AND (t.child_id * 7 + (t.month - date '2000-01-01')) % 40 <> 0  -- one month in forty never held
  AND NOT EXISTS (SELECT 1 FROM tracker_reviewmeeting r WHERE r.tracker_id = t.id)
"""

# A tracker is locked when both sign its meeting (tracker.services.meeting), never before.
LOCK_SQL = """
UPDATE tracker_monthlytracker t SET locked_at = r.assessor_signed_at
FROM tracker_reviewmeeting r
WHERE r.tracker_id = t.id AND t.locked_at IS NULL
  AND r.manager_signed_at IS NOT NULL AND r.assessor_signed_at IS NOT NULL
"""

# A session a month for every care worker of the generated homes, with their home's manager.
SUPERVISION_SQL = """
INSERT INTO supervision_supervisionsession
    (home_id, supervisor_id, recorded_by_id, kind, held_on, next_on, duration_minutes, themes, coping_rating,
     notes, supervisor_signed_at, created_at, updated_at, revision)
SELECT m.home_id, boss.user_id, boss.user_id, 'individual', d::date + (m.user_id % 20)::int, NULL, 60,
       '["children", "workload"]'::jsonb, 3, 'bench:' || m.user_id,
       d + interval '25 days', d + interval '25 days', d + interval '25 days', 1
FROM homes_membership m
JOIN homes_membership boss ON boss.home_id = m.home_id AND boss.role = 'manager'
CROSS JOIN LATERAL generate_series(m.started_on, current_date - 40, interval '1 month') AS d
WHERE m.role = 'care_staff' AND m.user_id IN (SELECT id FROM homes_user WHERE email LIKE '%@bench.test')
"""

ATTENDANCE_SQL = """
INSERT INTO supervision_attendance (session_id, person_id, signed_at)
SELECT s.id, substr(s.notes, 7)::bigint, s.supervisor_signed_at FROM supervision_supervisionsession s
WHERE s.notes LIKE 'bench:%';
UPDATE supervision_supervisionsession SET notes = 'Talked about the week.' WHERE notes LIKE 'bench:%'
"""

# Each active course completed at the start and renewed on expiry, for every generated person.
TRAINING_SQL = """
INSERT INTO supervision_trainingrecord (person_id, course_id, completed_on, expires_on, evidence, created_at)
SELECT u.id, c.id, d::date, (d + make_interval(months => c.valid_for_months))::date, '', d
FROM homes_user u
CROSS JOIN supervision_course c
CROSS JOIN LATERAL generate_series(current_date - 365 * 5 + (u.id % 30)::int,
                                   current_date - 10,
                                   make_interval(months => greatest(c.valid_for_months, 12))) AS d
WHERE u.email LIKE '%@bench.test' AND c.active
"""

AUDIT_COLUMNS = (
    "content_type_id, object_pk, object_id, object_repr, action, changes, changes_text, timestamp, actor_id, "
    "remote_addr, cid"
)

# A creation for every record made in bulk above, as auditlog writes when a record is saved.
AUDIT_CREATES_SQL = f"""
INSERT INTO auditlog_logentry ({AUDIT_COLUMNS})
SELECT (SELECT id FROM django_content_type WHERE app_label = 'children' AND model = 'keyworkingsession'),
       s.id::text, s.id, 'Key working', 0,
       '{{"topic": ["None", "How the week went"], "duration_minutes": ["None", "45"]}}'::jsonb, '',
       s.signed_at, s.author_id, '10.0.0.1', NULL
FROM children_keyworkingsession s
WHERE NOT EXISTS (SELECT 1 FROM auditlog_logentry e WHERE e.object_id = s.id AND e.action = 0
                  AND e.content_type_id = (SELECT id FROM django_content_type
                                           WHERE app_label = 'children' AND model = 'keyworkingsession'));
INSERT INTO auditlog_logentry ({AUDIT_COLUMNS})
SELECT (SELECT id FROM django_content_type WHERE app_label = 'children' AND model = 'activity'),
       a.id::text, a.id, 'Activity', 0, '{{"kind": ["None", "enrichment"]}}'::jsonb, '',
       a.recorded_at, a.recorded_by_id, '10.0.0.1', NULL
FROM children_activity a WHERE a.note = 'Swimming, then hot chocolate';
INSERT INTO auditlog_logentry ({AUDIT_COLUMNS})
SELECT (SELECT id FROM django_content_type WHERE app_label = 'children' AND model = 'child'),
       c.id::text, c.id, c.preferred_name, 0, '{{"preferred_name": ["None", "x"]}}'::jsonb, '',
       c.admission_date::timestamp AT TIME ZONE 'Europe/London', NULL, '10.0.0.1', NULL
FROM children_child c WHERE c.legal_name LIKE 'Child % of Bench Home %'
"""

# The rest are reads: every page that shows a child's record logs one (about nine in ten of
# the log), spread over the child's placement.
AUDIT_READS_SQL = f"""
INSERT INTO auditlog_logentry ({AUDIT_COLUMNS})
SELECT (SELECT id FROM django_content_type WHERE app_label = 'children' AND model = 'child'),
       c.id::text, c.id, c.preferred_name, 3, NULL, '',
       c.admission_date::timestamp AT TIME ZONE 'Europe/London'
         + (coalesce(c.discharge_date, current_date) - c.admission_date) * (n::float / :per_child) * interval '1 day',
       c.key_worker_id, '10.0.0.1', NULL
FROM children_child c CROSS JOIN generate_series(1, :per_child) AS n
"""


# --- timing ----------------------------------------------------------------------------------


def switch_to(name: str) -> None:
    """Point the default connection at one size's database, with a cache of its own: what a
    process caches (the navigation's count of tasks, for two minutes) stays warm between rounds,
    as it does between one person's requests, and never crosses to the other size."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connections

    connections["default"].close()
    connections["default"].settings_dict["NAME"] = name
    ContentType.objects.clear_cache()
    caches["default"].key_prefix = name


def logged_in(email: str):
    """A test client for the demo person, past the second factor as the tests pass it."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from homes.models import User

    user = User.objects.get(email=email)
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Bench", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


PERSONAS = {
    "administrator": "admin@hearth.example",
    "clinical lead": "clinical.lead@hearth.example",
    "manager": "manager@hearth.example",
    "deputy": "deputy@hearth.example",
    "care staff": "staff@hearth.example",
    "assessor": "assessor@hearth.example",
}


def page_list() -> list[tuple[str, str, str]]:
    """(page, persona, URL) for the demo's first home and its child with the most records."""
    from django.db.models import Count
    from django.urls import reverse

    from assessments.models import Assessment
    from children.models import CarePlan, Child, RiskAssessment
    from children.services.chronology import chronology_page
    from homes.models import Home
    from supervision.models import SupervisionSession
    from tracker.models import MonthlyTracker

    home = Home.objects.get(name="Willow House")
    child = (
        Child.objects.filter(home=home, discharge_date__isnull=True)
        .annotate(plans=Count("care_plans"))
        .order_by("-plans", "pk")
        .first()
    )
    plan = CarePlan.objects.filter(child=child).order_by("-version").first()
    risk = RiskAssessment.objects.filter(child=child).order_by("-version").first()
    assessment = Assessment.objects.filter(child=child, status=Assessment.Status.FINAL).order_by("-assessed_on").first()
    tracker = MonthlyTracker.objects.filter(child=child, meeting__isnull=False).order_by("-month").first()
    session = SupervisionSession.objects.filter(home=home).order_by("-held_on").first()
    # The chronology's last page: follow "Older" to the end (untimed).
    page, number = chronology_page(child), 1
    last = ""
    while page.has_next:
        last = f"?after={page.next_token}&page={number + 1}"
        page, number = chronology_page(child, after=page.next_position, number=number + 1), number + 1
    month = tracker.month.strftime("%Y-%m") if tracker else datetime.date.today().strftime("%Y-%m")
    pages = [
        ("trivial view (health)", "care staff", reverse("health")),
        *[(f"dashboard: {persona}", persona, reverse("dashboard")) for persona in PERSONAS],
        ("home hub", "manager", reverse("home_detail", args=[home.pk])),
        ("child's page", "care staff", reverse("child_detail", args=[child.pk])),
        ("child's page", "manager", reverse("child_detail", args=[child.pk])),
        ("child's history", "manager", reverse("child_history", args=[child.pk])),
        ("chronology, first page", "care staff", reverse("child_chronology", args=[child.pk])),
        (f"chronology, last page ({number})", "care staff", reverse("child_chronology", args=[child.pk]) + last),
        ("care plan", "care staff", reverse("child_plan", args=[child.pk])),
        ("care plan version", "manager", reverse("care_plan_detail", args=[plan.pk])),
        ("care plan history", "manager", reverse("care_plan_history", args=[plan.pk])),
        ("risk assessment history", "manager", reverse("risk_assessment_history", args=[risk.pk])),
        ("key working list", "care staff", reverse("key_working_list", args=[child.pk])),
        ("daily care", "care staff", reverse("activity_log", args=[child.pk])),
        ("assessments", "assessor", reverse("assessment_list", args=[child.pk])),
        ("assessment", "assessor", reverse("assessment_detail", args=[assessment.pk])),
        ("brain map", "assessor", reverse("child_brain_map", args=[child.pk])),
        ("monthly reviews (child)", "manager", reverse("child_reviews", args=[child.pk])),
        ("tracker", "manager", reverse("tracker_detail", args=[tracker.pk])),
        ("trends", "manager", reverse("child_trends", args=[child.pk])),
        ("home month", "manager", reverse("home_month", args=[home.pk, month])),
        ("home reviews", "manager", reverse("home_reviews", args=[home.pk])),
        ("before-shift sheet", "care staff", reverse("before_shift", args=[home.pk])),
        ("my supervision", "care staff", reverse("my_supervision")),
        ("supervision compliance", "manager", reverse("supervision_compliance", args=[home.pk])),
        ("supervision sessions", "manager", reverse("supervision_sessions", args=[home.pk])),
        ("supervision session", "manager", reverse("supervision_session_detail", args=[session.pk])),
        ("supervision session history", "manager", reverse("supervision_session_history", args=[session.pk])),
        ("training matrix", "manager", reverse("training_matrix", args=[home.pk])),
        ("evidence packs", "manager", reverse("evidence_list", args=[home.pk])),
        ("tasks", "manager", reverse("task_list")),
        # The pages the later issues added: the records an inspector opens first, and the overview.
        ("provider overview", "administrator", reverse("provider_overview")),
        ("provider overview", "clinical lead", reverse("provider_overview")),
        ("implementation measures", "administrator", reverse("implementation_measures")),
        ("incidents (home)", "manager", reverse("incident_list", args=[home.pk])),
        ("incidents (child)", "care staff", reverse("child_incidents", args=[child.pk])),
        ("missing episodes", "care staff", reverse("missing_list", args=[child.pk])),
        ("daily log", "care staff", reverse("daily_log_list", args=[child.pk])),
        ("shifts", "manager", reverse("shifts_home", args=[home.pk])),
        ("handovers", "care staff", reverse("handover_list", args=[home.pk])),
        ("health record", "care staff", reverse("health_record", args=[child.pk])),
        ("medicines (child)", "care staff", reverse("medicines", args=[child.pk])),
        ("medicines round", "care staff", reverse("medicines_round", args=[home.pk])),
        ("independent visits", "manager", reverse("visit_reports_home", args=[home.pk])),
        ("quality of care reviews", "manager", reverse("quality_reviews", args=[home.pk])),
        ("documents", "care staff", reverse("document_list", args=[child.pk])),
        ("admin: people", "administrator", reverse("admin:homes_user_changelist")),
        ("admin: homes", "administrator", reverse("admin:homes_home_changelist")),
        ("admin: a home", "administrator", reverse("admin:homes_home_change", args=[home.pk])),
        ("admin: children", "administrator", reverse("admin:children_child_changelist")),
        ("admin: audit log", "administrator", reverse("admin:auditlog_logentry_changelist")),
    ]
    return pages


def count_queries(client, url: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def time_pages(databases: dict[float, str], rounds: int, only: str) -> list[dict]:
    """Interleaved: each round times every page at every size, the sizes' order alternating.
    Without the test environment (`setup_test_environment`): it keeps every template context the
    pages render, some 70,000 objects a round, whose garbage collection then lands in the timed
    requests as 200-300 ms a server never pays."""
    sizes = sorted(databases)
    clients, pages, results = {}, {}, {}
    for size in sizes:
        switch_to(databases[size])
        clients[size] = {persona: logged_in(email) for persona, email in PERSONAS.items()}
        listed = page_list()
        pages[size] = [listed[0], *(page for page in listed[1:] if re.search(only, page[0]))]
    names = [(name, persona) for name, persona, _ in pages[sizes[0]]]
    for size in sizes:
        switch_to(databases[size])
        followed = []
        for name, persona, url in pages[size]:
            entry = results.setdefault((name, persona), {"times": {s: [] for s in sizes}, "queries": {}, "status": {}})
            response = clients[size][persona].get(url)  # warm: templates, the content types
            if response.status_code == 302:  # a page that shows another (the current plan...): time that one
                url = response["Location"]
            followed.append((name, persona, url))
            entry["status"][size], entry["queries"][size] = count_queries(clients[size][persona], url)
        pages[size] = followed
    # What is loaded by now stays for the process's life: frozen out of the garbage collector's
    # full passes, as config/wsgi.py does in a server process (a full pass over it all otherwise
    # lands in one timed request in a few dozen, 100-300 ms).
    gc.freeze()
    for round_number in range(rounds):
        order = sizes if round_number % 2 == 0 else list(reversed(sizes))
        for size in order:
            switch_to(databases[size])
            with contextlib.suppress(Exception):
                clients[size]["care staff"].get(pages[size][0][2])  # the connection, opened untimed
            for name, persona, url in pages[size]:
                started = time.perf_counter()
                clients[size][persona].get(url)
                results[(name, persona)]["times"][size].append((time.perf_counter() - started) * 1000)
        print(f"  round {round_number + 1} of {rounds}", flush=True)
    return [{"name": name, "persona": persona, **results[(name, persona)]} for name, persona in names]


def report(results: list[dict], sizes: list[float], markdown: bool) -> int:
    small, large = sizes[0], sizes[-1]
    trivial = statistics.median(results[0]["times"][large])
    rows, failures = [], []
    for result in results:
        med = {s: statistics.median(result["times"][s]) for s in sizes}
        p95 = {s: percentile(result["times"][s], 0.95) for s in sizes}
        growth = p95[large] / p95[small] if p95[small] else 0
        queries = [result["queries"][s] for s in sizes]
        flags = []
        if len(set(queries)) > 1:
            flags.append("QUERIES GROW")
            failures.append(result["name"])
        if any(result["status"][s] != 200 for s in sizes):
            flags.append(f"HTTP {result['status'][large]}")
            failures.append(result["name"])
        if p95[large] > TARGET_P95_MS:
            flags.append("p95 over target")
        if growth > TARGET_GROWTH:
            flags.append("grows")
        rows.append(
            [
                result["name"],
                result["persona"],
                " / ".join(str(q) for q in queries),
                " / ".join(f"{med[s]:.0f}" for s in sizes),
                " / ".join(f"{p95[s]:.0f}" for s in sizes),
                f"{growth:.2f}",
                f"{med[large] / trivial:.1f}",
                ", ".join(flags),
            ]
        )
    sizes_label = " / ".join(f"{s:g}" for s in sizes)
    header = ["page", "as", f"queries ({sizes_label})", "median ms", "p95 ms", "growth (p95)", "× trivial", ""]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    if markdown:
        print()
        print("| " + " | ".join(header[:-1]) + " | |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    if failures:
        print(f"\nFAIL: the query count differs between sizes (or the page failed) for: {', '.join(failures)}")
        return 1
    print("\nQuery counts are the same at every size.")
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.generate_only:
        setup_django()
        generate_here(args.scale)
        return 0
    sizes = sorted(float(size) for size in args.sizes.split(","))
    if len(sizes) < 2:
        sys.exit("--sizes needs two sizes or more, smallest first: 0.1,1")
    databases = {}
    if args.reuse:
        for size in sizes:
            name = f"{base_name()}_bench_{size_tag(size)}"
            if not database_exists(name):
                sys.exit(f"--reuse: no database {name} (run once with --keep)")
            databases[size] = name
    else:
        template = f"{base_name()}_bench_template"
        if not (args.reuse_template and database_exists(template)):
            template = make_template()
        for size in sizes:
            databases[size] = generate(template, size)
    os.environ["DATABASE_URL"] = url_for(databases[sizes[0]])
    os.environ.pop("REDIS_URL", None)
    # Timed as a server runs: with DEBUG on, every query is also kept in `connection.queries`
    # and templates carry their debugging information.
    os.environ["DEBUG"] = "0"
    setup_django()
    import logging

    logging.disable(logging.WARNING)  # the login's messages (django-axes) would drown the table
    try:
        print(f"timing {args.rounds} interleaved rounds...", flush=True)
        results = time_pages(databases, args.rounds, args.pages)
        return report(results, sizes, args.markdown)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin_sql(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in databases.values()))
            if not (args.reuse or args.reuse_template):
                admin_sql(f'DROP DATABASE IF EXISTS "{base_name()}_bench_template" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
