"""A real Redis cache for tests of shared state; skips (with the reason) when Redis is absent.

The URL comes from TEST_REDIS_URL (default redis://127.0.0.1:6379/6). Keys get a prefix unique
to the test, and only those keys are deleted afterwards: the test never flushes a database that
something else might be using.
"""

import os
import uuid

import pytest
from django.test import override_settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def redis_cache():
    """Django's cache is Redis for the duration of the test."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL} (set TEST_REDIS_URL): {error}")
    prefix = f"gmtest-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            # The backend production settings select (gigmarket/cache.py).
            "BACKEND": "gigmarket.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches):
        yield REDIS_URL
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()
