"""Fixtures shared by every test."""

import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings

# The machine is shared by parallel workers and browsers: judge properties, not speed.
settings.register_profile("gigmarket", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("gigmarket")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# ``fake_sms``: a local server speaking the SMS provider's API (tests/fake_sms.py).
pytest_plugins = ["tests.fake_sms"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (lockouts, rate limits)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test (live server, concurrency) starts after another one's flush has
    emptied every table: put back what migrations load (role groups, industries, occupations)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from gigmarket.reference import load_reference

        load_reference()


@pytest.fixture
def needs_postgresql():
    """Skip (with the reason) a race test that needs PostgreSQL's row locks."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL row locks: SQLite serialises whole-database writes, so it cannot show the race"
        )


@pytest.fixture
def login(client):
    """Log the test client in as a user: ``login(user)`` returns the client."""

    def _login(user):
        client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")
        return client

    return _login


def pytest_configure(config):
    """Compile the translation catalogues once (in the controller, not in each xdist worker)."""
    if not hasattr(config, "workerinput"):
        from scripts.compilemessages import main as compile_messages

        compile_messages()
