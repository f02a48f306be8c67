"""Shared harness for race tests: real concurrent calls, each thread with its own connection.

Modules using it mark themselves ``pytestmark = POSTGRES_RACE``: on SQLite they skip with a
visible reason (the ``needs_postgresql`` fixture in tests/conftest.py).
"""

import threading

import pytest

POSTGRES_RACE = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("needs_postgresql"),
]


def run_at_once(work, n: int) -> list:
    """Run ``work(i)`` in ``n`` threads released together; return what each returned or raised."""
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def runner(i):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=20)
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001  (collected and asserted on by the test)
            results[i] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
