"""Production settings: only hardening, no features.

Refuses to load (with a message saying what to set) without a real DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS, FIELD_ENCRYPTION_KEY, a shared cache (CACHE_URL=redis://…), a task-queue
broker (CELERY_BROKER_URL) and compiled
translation catalogues. See docs/deploy.md and deploy/env.production.example.
"""

from gigmarket.settings.base import *  # noqa: F403
from gigmarket.settings.base import BASE_DIR, DATABASES, LOGGING, STORAGES, env
from gigmarket.settings.preflight import refuse_unless_ready

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="")
# No default: the per-process memory cache would multiply every limit by the worker count.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, one client object per connection pool instead of one per call.
    CACHES["default"]["BACKEND"] = "gigmarket.cache.RedisCache"

refuse_unless_ready(
    secret_key=SECRET_KEY,
    allowed_hosts=ALLOWED_HOSTS,
    field_key=FIELD_ENCRYPTION_KEY,
    caches=CACHES,
    base_dir=BASE_DIR,
    broker_url=CELERY_BROKER_URL,  # noqa: F405
)

# One JSON line per request (request id, user id, status, duration; no query strings).
LOGGING["loggers"]["gigmarket.request"]["level"] = env("REQUEST_LOG_LEVEL", default="INFO")

# Each worker thread keeps its database connection for a minute instead of opening one per
# request (checked before reuse). A DATABASE_URL with ?conn_max_age=N wins.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Sessions live in the database (every host sees them), read through the shared cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer may probe the app over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
