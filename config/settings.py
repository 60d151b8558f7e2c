"""Hearth settings, read from the environment only.

Development (nothing set): SQLite under var/, Celery tasks run inline, console e-mail.
Production (DJANGO_ENV=production): SECRET_KEY and ALLOWED_HOSTS are required;
DATABASE_URL and REDIS_URL select PostgreSQL and the Redis broker.
"""

import datetime
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config import file_broker
from config.env import env_bool, env_int, env_list, env_positive_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HEARTH_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV={DJANGO_ENV!r}: use development or production.")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if PRODUCTION:
    missing = [name for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS)) if not value]
    if missing:
        raise ImproperlyConfigured(f"DJANGO_ENV=production refuses to start without {' and '.join(missing)}.")
else:
    SECRET_KEY = SECRET_KEY or "development-only-not-secret"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

# Hearth's own apps, in dependency order: later apps may import from earlier ones.
LOCAL_APPS = [
    "homes",
    "children",
    "assessments",
    "tracker",
    "supervision",
    "safeguarding",
    "health",
    "shifts",
    "records",
    "oversight",
    "visits",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "auditlog",
    "csp",
    # Second factor and brute-force lockout (issue 9): see the "Authentication" block below.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor (issue 9): sets request.user.otp_device, then keeps a person who needs a
    # second factor and has only typed their password on the second-factor pages.
    "django_otp.middleware.OTPMiddleware",
    "homes.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sessions fit a shared iPad (issue 9, item 4): idle and absolute limits, after auth and
    # messages (it logs out and leaves a message); no-store on every response Django answers.
    "homes.session_limits.SessionLimitsMiddleware",
    "homes.session_limits.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Issue 9 (escape): Content-Security-Policy and Permissions-Policy on every response.
    "csp.middleware.CSPMiddleware",
    "homes.middleware.PermissionsPolicyMiddleware",
    # Issue 14: a reading page's role checks answer from the person's memberships, read once.
    "homes.middleware.RolesKnownMiddleware",
    # django-auditlog's, with the client IP from homes.security (issue 9: X-Forwarded-For only
    # behind a trusted proxy).
    "homes.middleware.AuditlogMiddleware",
    # Lockout (issue 9): turns a login refused by axes into the lockout page. Last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # gunicorn serves the collected static files itself; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "homes.context_processors.works_in_a_home",
                "oversight.context_processors.tasks_due",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "hearth.sqlite3",
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- SQLite under concurrent writes (issue 9, item 6) ---
# Development runs on SQLite, where two requests writing at once made one fail with "database is
# locked". A writer now waits up to `timeout` seconds, and takes the write lock when its
# transaction begins (IMMEDIATE), so a read-then-write transaction cannot deadlock half-way. What
# still finds the database locked answers 503 "Hearth is busy, try again", never a 500.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    MIDDLEWARE.append("homes.middleware.DatabaseBusyMiddleware")
# --- end SQLite ---

AUTH_USER_MODEL = "homes.User"
# --- Authentication (issue 9: password rules, second factor, lockout, throttles) ---------------
# Password rules: at least 12 characters, not like the person's name or e-mail, nor a home's name,
# not on Django's list of common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["full_name", "email"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "homes.validators.HomeNameSimilarityValidator"},
]
# axes refuses a locked-out username+IP before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Client IPs (lockout, throttles, the audit trail) come from REMOTE_ADDR, unless Hearth runs behind
# a reverse proxy that sets X-Forwarded-For (HEARTH_BEHIND_PROXY, under transport security below).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Throttles counted from the security audit trail (homes.security.too_many), per rolling hour.
EVIDENCE_CODE_TRIES_PER_HOUR = env_int("EVIDENCE_CODE_TRIES_PER_HOUR", 10)
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env_int("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", 3)
PASSWORD_RESETS_PER_IP_PER_HOUR = env_int("PASSWORD_RESETS_PER_IP_PER_HOUR", 10)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts while locked are refused without restarting the clock: the lock lasts the stated time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The login form's field is "username" and holds an e-mail address: homes.security lower-cases it
# as UserManager does, so "Grace@…" and "grace@…" count as one person.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "homes.security.axes_username"
AXES_CLIENT_IP_CALLABLE = "homes.security.client_ip"
AXES_LOCKOUT_CALLABLE = "homes.security.lockout_response"
# Hearth's own audit trail (homes.SecurityEvent) records logins; axes keeps only its counters, and
# their admin is Hearth's (read-only, with an audited unlock) rather than axes' own.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # the audit trail records each failure; no log line per attempt
OTP_TOTP_ISSUER = "Hearth"
# django-otp's admin pages would show a person's secret key; the reset in the user admin is the way.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# --- end of Authentication --------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Documents and the memory box (issue 15) ---
# The largest file a person may add to a child's record (bytes; default 20 MB).
DOCUMENT_MAX_BYTES = env_positive_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# Files in an S3-compatible object store (so web servers and workers on different machines share
# them) when a bucket is named; otherwise under MEDIA_ROOT. Private objects only: Hearth serves
# every file through an access-checked view, never by the store's URL.
STORAGE_BUCKET = env_str("STORAGE_BUCKET")
if STORAGE_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env_str("STORAGE_URL") or None,
            "region_name": env_str("STORAGE_REGION") or None,
            "access_key": env_str("STORAGE_ACCESS_KEY") or None,
            "secret_key": env_str("STORAGE_SECRET_KEY") or None,
            "location": env_str("STORAGE_PREFIX"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif env_str("STORAGE_URL"):
    raise ImproperlyConfigured("STORAGE_URL is set without STORAGE_BUCKET: name the bucket Hearth keeps files in.")
# --- end of documents ---

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hearth <hearth@localhost>")
# Where people open Hearth, for the links in e-mails (the morning digest of what is due).
HEARTH_BASE_URL = env_str("HEARTH_BASE_URL", "http://127.0.0.1:8000")

# Celery: a Redis broker when REDIS_URL is set. Without Redis, HEARTH_FILE_BROKER (a folder)
# selects kombu's filesystem transport, a broker that needs no server: `make run` sets it and
# runs a worker and beat beside the development server, so no request waits on a PDF there
# either (issue 14). With neither, tasks run inline in the request (the tests, a bare runserver).
REDIS_URL = env_str("REDIS_URL")
FILE_BROKER = env_str("HEARTH_FILE_BROKER")
CELERY_BROKER_URL = REDIS_URL or ("filesystem://" if FILE_BROKER else "memory://localhost/")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or FILE_BROKER)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# --- A broker that is down or does not answer (issue 9, item 9): a request that queues a build
# gives up within seconds instead of hanging; the row stays queued and the page says the builder
# is unavailable (homes/builds.py). Workers keep reconnecting as before.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 3}
if FILE_BROKER and not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = file_broker.transport_options(FILE_BROKER)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
# --- end of broker timeouts ---
# `celery -A config beat` runs these. Each task is idempotent, so running daily catches up
# after a day the scheduler was down, and a child admitted mid-month gets their tracker.
CELERY_BEAT_SCHEDULE = {
    # Each person's list of what is due, by e-mail before the day shift (oversight.services.tasks).
    "send-task-digests": {
        "task": "oversight.tasks.send_task_digests",
        "schedule": crontab(minute=30, hour=6),
    },
    "open-monthly-trackers": {
        "task": "tracker.tasks.open_month_trackers",
        "schedule": crontab(minute=5, hour=0),
    },
    "build-last-months-meeting-packs": {
        "task": "tracker.tasks.build_last_months_meeting_packs",
        "schedule": crontab(minute=30, hour=0, day_of_month="1-3"),
    },
    # Every minute: builds the broker refused are sent as soon as it is back (cheap when none).
    "requeue-stale-builds": {
        "task": "homes.tasks.requeue_stale_builds",
        "schedule": crontab(),
        "options": {"expires": 60},
    },
    # The provider overview's and implementation measures' figures, counted from every home's
    # records (oversight.overview); the pages recount a home's themselves when these stop.
    "count-home-figures": {
        "task": "oversight.tasks.count_home_figures",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 600},
    },
    # Records reaching their retention date are listed for disposal (records.tasks); idempotent.
    "list-records-due-for-disposal": {
        "task": "records.tasks.list_records_due_for_disposal",
        "schedule": crontab(minute=15, hour=1),
    },
    # The status page's proof that beat runs, and a worker with it (homes.tasks). A heartbeat
    # that waited longer than a minute for a worker would tell a stale time as fresh: dropped.
    "beat-heartbeat": {
        "task": "homes.tasks.beat_heartbeat",
        "schedule": crontab(),
        "options": {"expires": 60},
    },
}

# --- Retention (issue 15, records/retention.py): a member of staff's records are kept this many
# years after they leave (children's until their 75th birthday, by law, not configurable).
STAFF_RETENTION_YEARS = env_positive_int("STAFF_RETENTION_YEARS", 6)
# --- end retention ---

# django-auditlog: changes are logged for registered models, reads through the
# `accessed` signal; the actor comes from AuditlogMiddleware.
AUDITLOG_INCLUDE_ALL_MODELS = False

SESSION_COOKIE_HTTPONLY = True

# --- Session limits (issue 9, item 4; homes/session_limits.py) ---
# A person is logged out after SESSION_IDLE_MINUTES without a request (background polling
# does not count) and SESSION_ABSOLUTE_HOURS after logging in, whatever they do. The page
# warns SESSION_WARNING_SECONDS before the idle limit. The cookie and the session row live
# as long as the absolute limit, so the middleware can still say why someone was logged out.
SESSION_IDLE_SECONDS = env_positive_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_ABSOLUTE_SECONDS = env_positive_int("SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_WARNING_SECONDS = min(60, SESSION_IDLE_SECONDS // 2)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# --- end of session limits ---
CSRF_COOKIE_HTTPONLY = True

# --- errors (issue 13, item 6): a refused form post gets a page saying what to do ----------------
CSRF_FAILURE_VIEW = "homes.error_views.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Transport security in production (issue 9, item 10): `manage.py check --deploy` reports
# nothing with production settings. HTTPS everywhere, with HSTS, by default; each can be turned
# down from the environment for a deployment that really needs it (and check --deploy then says so).
# Behind a reverse proxy (docker-compose: Caddy) Django learns that a request came over HTTPS from
# the proxy's X-Forwarded-Proto, and only then: without a proxy that overwrites the header, any
# client could claim HTTPS. The client-IP code (homes.security: lockout, throttles, audit) reads
# the same setting.
HEARTH_BEHIND_PROXY = env_bool("HEARTH_BEHIND_PROXY", default=False)
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer or the container's own health check may ask over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    if SECURE_HSTS_SECONDS < 0:
        raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS={SECURE_HSTS_SECONDS}: use 0 (off) or more seconds.")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    if HEARTH_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# --- end of transport security ---

# --- Issue 9 (escape): Content-Security-Policy (django-csp 4) and Permissions-Policy. ---
# Everything Hearth serves comes from its own origin (static/ is vendored, no CDN). No inline
# script or style at all: page scripts live in static/js/, styles in static/css/; charts and
# brain maps are inline SVG drawn with presentation attributes, which CSP does not govern.
# `data:` images: Bootstrap's CSS draws its icons (select arrows, close buttons) as data: SVGs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Browser features Hearth never uses, switched off for every page (homes.middleware).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "serial",
        "hid",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs each rendering step at INFO: one PDF would fill a screen.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Inline tasks (no broker) would log a "Task ... succeeded" line into the page request
        # or the demo seeding; a worker's own log keeps them.
        "celery.app.trace": {"level": "WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO"},
    },
}

VAR_DIR.mkdir(parents=True, exist_ok=True)
