"""Settings shared by every environment; everything configurable comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-not-secret-change-me-in-production-0123456789"
)
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "axes",
    "csp",
    "auditlog",
    # Our apps, lowest layer first (apps depend only downward).
    "gigmarket",
    "stations",
    "seekers",
    "publicity",
    "jobs",
    "training",
    "rights",
    "events",
    "guidance",
    "feedback",
    "subsidies",
    "partners",
    "reports",
]

MIDDLEWARE = [
    # Outermost, so its one line per request times and sees everything (gigmarket/requestlog.py).
    "gigmarket.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gigmarket.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages leave the app compressed (whitenoise serves static files pre-compressed); Django's
    # GZip middleware masks its output against BREACH. See docs/deploy.md.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gigmarket.replica.ReplicaReadsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "gigmarket.middleware.StaffIdleTimeoutMiddleware",
    "gigmarket.middleware.ControlCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gigmarket.urls"
WSGI_APPLICATION = "gigmarket.wsgi.application"
ASGI_APPLICATION = "gigmarket.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "gigmarket.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A read replica for reports, exports and the public bulletin (gigmarket/replica.py); every write
# and every other page uses the primary. Unset: everything uses the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["gigmarket.replica.ReplicaRouter"]
# Views (namespace:name, or namespace:* for all of an app's) whose GET reads from the replica.
DATABASE_REPLICA_VIEWS = [
    "reports:*",
    "jobs:job_export",
    "stations:ledger_export",
    "training:roster_export",
]
# On PostgreSQL the cluster's template1 must have LC_CTYPE C.UTF-8 so that trigram search
# works on Chinese text; .ci/run checks it and rebuilds template1 when it does not.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://gigmarket")}

AUTH_USER_MODEL = "gigmarket.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "gigmarket.backends.UsernameOrMobileBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gigmarket.passwords.StaffPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:after_login"
LOGOUT_REDIRECT_URL = "core:home"

# django-axes: lock a username from an address after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "gigmarket.network.client_ip"  # django-ipware is not installed
AXES_USERNAME_CALLABLE = "gigmarket.backends.axes_username"  # one count per mobile

# Staff sessions end after 30 minutes without a request; others after two weeks.
STAFF_IDLE_TIMEOUT_SECONDS = env.int("STAFF_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "gigmarket.views.csrf_failure"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded evidence and documents are private: kept outside the static folder, served by views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# With more than one app host, private files go to an S3-compatible bucket every host reaches
# (MinIO, Aliyun OSS, Tencent COS, Huawei OBS ...) through django-storages; never public-read,
# always served through the app's views. Unset, they stay in MEDIA_ROOT on this host.
S3_BUCKET = env("S3_BUCKET", default="")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default="") or None,
            "access_key": env("S3_ACCESS_KEY", default="") or None,
            "secret_key": env("S3_SECRET_KEY", default="") or None,
            "region_name": env("S3_REGION", default="") or None,
            "location": env("S3_PREFIX", default=""),  # a folder inside a shared bucket
            # "path" for MinIO and most self-hosted servers, "virtual" for OSS and COS.
            "addressing_style": env("S3_ADDRESSING_STYLE", default="") or None,
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

# Content security policy: only our own assets; scripts need our nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

X_FRAME_OPTIONS = "DENY"
# Browser features pages may use: only geolocation, for the station map's "near me" button.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# What the site calls itself and whom people call.
SITE_NAME = env("SITE_NAME", default="示范县零工市场")
# A weekly order's job opens this many days before its work day.
RECURRING_ORDER_LEAD_DAYS = env.int("RECURRING_ORDER_LEAD_DAYS", default=1)
SITE_REGION_CODE = env("SITE_REGION_CODE", default="520999")
SERVICE_HOTLINE = env("SERVICE_HOTLINE", default="0851-12333")
COMPLAINT_HOTLINE = env("COMPLAINT_HOTLINE", default="12333")
# Map tiles for the station map; empty means list only (no map).
MAP_TILE_URL = env("MAP_TILE_URL", default="")
# The tiles' datum: gcj02 for Chinese web maps (most), wgs84 for OpenStreetMap-style tiles.
MAP_TILE_DATUM = env("MAP_TILE_DATUM", default="gcj02")
if MAP_TILE_URL:  # the tile host may serve images ({s} subdomains become a CSP wildcard)
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")
# Where notifications go; the default writes them to the log.
NOTIFICATION_SENDER = env("NOTIFICATION_SENDER", default="gigmarket.notify.LogSender")
# The site's address as people type it (links in text messages, e.g. the opt-out link).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Outbox rules (docs/notifications.md): quiet hours (start, end; Shanghai time) when only urgent
# kinds go; texts per number per day; tries before a message is given up; minutes between tries.
SMS_QUIET_HOURS = tuple(env.list("SMS_QUIET_HOURS", cast=int, default=[21, 8]))
SMS_DAILY_CAP = env.int("SMS_DAILY_CAP", default=5)
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=5)
SMS_RETRY_MINUTES = env.list("SMS_RETRY_MINUTES", cast=int, default=[1, 5, 15, 60])
# The standard words every text ends with (before the service name).
SMS_OPT_OUT_WORDS = env("SMS_OPT_OUT_WORDS", default="拒收请回复R")
# Alibaba Cloud SMS (gigmarket.sms.AliyunSender): keys, the approved signature, the approved
# template id of each message kind ("placement_confirmed=SMS_1234,job_alert=SMS_5678"), endpoint.
SMS_ACCESS_KEY_ID = env("SMS_ACCESS_KEY_ID", default="")
SMS_ACCESS_KEY_SECRET = env("SMS_ACCESS_KEY_SECRET", default="")
SMS_SIGN_NAME = env("SMS_SIGN_NAME", default="")
SMS_TEMPLATE_IDS = env.dict("SMS_TEMPLATE_IDS", default={})
SMS_ENDPOINT = env("SMS_ENDPOINT", default="dysmsapi.aliyuncs.com")
SMS_PROTOCOL = env("SMS_PROTOCOL", default="HTTPS")
SMS_TIMEOUT_SECONDS = env.int("SMS_TIMEOUT_SECONDS", default=10)

# Yearly station evaluation: maximum points per criterion (must add up to 100) and grade
# thresholds, e.g. "management=20;workload=20;business=20;results=25;attitude=15"; empty = defaults.
STATION_EVALUATION_WEIGHTS = env.dict("STATION_EVALUATION_WEIGHTS", cast={"value": int}, default={})
STATION_EVALUATION_THRESHOLDS = env.dict(
    "STATION_EVALUATION_THRESHOLDS", cast={"value": int}, default={}
)

# The local minimum hourly wage (yuan), below which the posting checker warns.
JOBS_MIN_HOURLY_WAGE = env("JOBS_MIN_HOURLY_WAGE", default="18.00")

# Complaints: public filing limits per mobile and per address within a window, failed
# tracking look-ups per address, and the evidence files one case may carry.
RIGHTS_FILING_LIMIT_PER_MOBILE = env.int("RIGHTS_FILING_LIMIT_PER_MOBILE", default=3)
RIGHTS_FILING_LIMIT_PER_IP = env.int("RIGHTS_FILING_LIMIT_PER_IP", default=10)
RIGHTS_FILING_WINDOW_SECONDS = env.int("RIGHTS_FILING_WINDOW_SECONDS", default=3600)
RIGHTS_LOOKUP_FAILURES_PER_IP = env.int("RIGHTS_LOOKUP_FAILURES_PER_IP", default=10)
RIGHTS_EVIDENCE_MAX_BYTES = env.int("RIGHTS_EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)
RIGHTS_EVIDENCE_MAX_FILES = env.int("RIGHTS_EVIDENCE_MAX_FILES", default=5)
# Publicity: the size of one PDF attached to a policy article, and how many one article may carry.
PUBLICITY_ATTACHMENT_MAX_BYTES = env.int("PUBLICITY_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
PUBLICITY_MAX_ATTACHMENTS = env.int("PUBLICITY_MAX_ATTACHMENTS", default=5)
# The station code of the county's default complaint desk: an online complaint sent to a station
# with nobody in service and no parent market in service goes there (empty: any staffed station
# of the county, markets first).
RIGHTS_DEFAULT_DESK = env("RIGHTS_DEFAULT_DESK", default="")

# Key for encrypting personal data at rest (resident ID numbers); falls back to SECRET_KEY in development.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="")

# Task queue (Celery): a Redis broker in production, e.g. redis://127.0.0.1:6379/2, with one
# `celery worker` and one `celery beat` (deploy/gigmarket-worker.service, -beat.service).
# Without a broker every task runs inline in the process that asks for it (make run, tests).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # tasks write their effects to the database; no result store
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE  # crontab hours below are Asia/Shanghai
# What beat starts, and when. Each entry's task lives in its app's tasks.py; docs/operations.md
# lists them. Every task is safe to run twice or late.
CELERY_BEAT_SCHEDULE = {
    "expire-jobs": {"task": "jobs.tasks.expire_jobs", "schedule": 5 * 60},
    "send-notifications": {"task": "gigmarket.tasks.send_notifications", "schedule": 60},
    "check-deliveries": {"task": "gigmarket.tasks.check_deliveries", "schedule": 10 * 60},
    "send-job-alerts": {
        "task": "jobs.tasks.send_job_alerts",
        "schedule": crontab(minute="*/15", hour="8-20"),
    },
    "remind-period-ending": {
        "task": "seekers.tasks.remind_period_ending",
        "schedule": crontab(minute=0, hour=10),
    },
    "remind-training-tomorrow": {
        "task": "training.tasks.remind_class_tomorrow",
        "schedule": crontab(minute=0, hour=17),
    },
    # Weekly orders open the day before their work day (RECURRING_ORDER_LEAD_DAYS); a second
    # run the same day opens nothing new.
    "open-weekly-orders": {
        "task": "jobs.tasks.open_weekly_orders",
        "schedule": crontab(minute=5, hour="6,12"),
    },
    "store-previous-month": {
        "task": "reports.tasks.store_previous_month",
        "schedule": crontab(minute=30, hour=1, day_of_month=1),
    },
    "sweep-evidence-orphans": {
        "task": "rights.tasks.sweep_evidence_orphans",
        "schedule": crontab(minute=15),
    },
    "sweep-claim-document-orphans": {
        "task": "subsidies.tasks.sweep_document_orphans",
        "schedule": crontab(minute=20),
    },
    "sweep-consent-orphans": {
        "task": "partners.tasks.sweep_consent_orphans",
        "schedule": crontab(minute=25),
    },
    "clear-sessions": {
        "task": "gigmarket.tasks.clear_sessions",
        "schedule": crontab(minute=0, hour=3),
    },
    "archive-audit-logs": {
        "task": "gigmarket.tasks.archive_audit_logs",
        "schedule": crontab(minute=30, hour=3),
    },
}

# Access and change logs are kept this many days (MLPS level 2: at least 183), then archived to
# a compressed file in private storage (audit-archive/) and removed from the database.
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=190)

# Backups (manage.py backup, deploy/gigmarket-backup.timer): where they go and how many are kept
# (the newest of each of the last N days, and of each of the last M months).
BACKUP_DIR = env("BACKUP_DIR", default=str(BASE_DIR / "backups"))
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=12)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_data": {"()": "gigmarket.logging.PersonalDataFilter"},
        "request_id": {"()": "gigmarket.requestlog.RequestIdFilter"},
    },
    "formatters": {"json": {"()": "gigmarket.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
        # One JSON line per request (and per error while serving one); LOG_FORMAT=json makes
        # every line JSON, as production's deploy/env.production.example has it.
        "requests": {
            "class": "logging.StreamHandler",
            "filters": ["personal_data", "request_id"],
            "formatter": "json",
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # runserver prints its own line per request: the JSON one is off unless asked for.
        "gigmarket.request": {
            "handlers": ["requests"],
            "level": env("REQUEST_LOG_LEVEL", default="WARNING"),
            "propagate": False,
        },
    },
}
if env("LOG_FORMAT", default="text") == "json":
    LOGGING["handlers"]["console"] = {**LOGGING["handlers"]["requests"]}

# Optional error tracker: Sentry (or a compatible self-hosted server) when SENTRY_DSN is set.
# No personal data is sent; mobiles and ID numbers in an event are masked before it leaves.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from gigmarket.requestlog import init_error_tracker

    init_error_tracker(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
