"""Hearth settings, read from the environment only.

Development (nothing set): SQLite under var/, Celery tasks run inline, console e-mail.
Production (DJANGO_ENV=production): SECRET_KEY and ALLOWED_HOSTS are required;
DATABASE_URL and REDIS_URL select PostgreSQL and the Redis broker.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

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
LOCAL_APPS = ["homes", "children", "assessments", "tracker", "supervision"]

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
    *LOCAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sessions fit a shared iPad (issue 9, item 4): idle and absolute limits, after auth and
    # messages (it logs out and leaves a message); no-store on every response Django answers.
    "homes.session_limits.SessionLimitsMiddleware",
    "homes.session_limits.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
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

AUTH_USER_MODEL = "homes.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hearth <hearth@localhost>")

# Celery: a Redis broker when REDIS_URL is set; otherwise tasks run inline in the request,
# so a fresh clone needs no broker.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# `celery -A config beat` runs these. Each task is idempotent, so running daily catches up
# after a day the scheduler was down, and a child admitted mid-month gets their tracker.
CELERY_BEAT_SCHEDULE = {
    "open-monthly-trackers": {
        "task": "tracker.tasks.open_month_trackers",
        "schedule": crontab(minute=5, hour=0),
    },
    "build-last-months-meeting-packs": {
        "task": "tracker.tasks.build_last_months_meeting_packs",
        "schedule": crontab(minute=30, hour=0, day_of_month="1-3"),
    },
    "requeue-stale-reports": {
        "task": "tracker.tasks.requeue_stale_reports",
        "schedule": crontab(minute="*/15"),
    },
}

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
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
