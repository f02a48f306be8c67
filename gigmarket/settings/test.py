"""Test settings: strict templates, fast hashing, no lockout between tests unless asked."""

from django.template.base import TemplateSyntaxError

from gigmarket.settings.base import *  # noqa: F403
from gigmarket.settings.base import TEMPLATES


class UndefinedVariable(str):
    """Makes any undefined template variable fail the test that rendered it."""

    def __mod__(self, other):
        raise TemplateSyntaxError(f"Undefined template variable: {other!r}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = UndefinedVariable("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test_media"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FIELD_ENCRYPTION_KEY = "test-field-encryption-key"
# Templates only tests use (e.g. a stand-in workbench panel).
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
# Tasks run inline in tests, whatever the environment says (a broker test sets its own).
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
# The replica as a test mirror of the primary: the alias exists, but reads use it only in the
# tests that switch DATABASE_REPLICA_READS on (tests/gigmarket/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_REPLICA_READS = False
