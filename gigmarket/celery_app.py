"""The Celery application: a Redis broker and beat in production, tasks inline (eager) otherwise.

Settings come from Django's, prefixed ``CELERY_`` (``gigmarket/settings/base.py``). Without
``CELERY_BROKER_URL`` every ``.delay()`` runs at once in the calling process, so ``make run``
needs nothing installed; the schedule then runs only when beat is started (see docs/operations.md).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from celery import Celery

# No default DJANGO_SETTINGS_MODULE here: this module loads with the gigmarket package, before
# wsgi.py (production) or manage.py (local) choose theirs. `celery` itself is started with it set
# (deploy/*.service read it from .env; by hand: DJANGO_SETTINGS_MODULE=gigmarket.settings.local).
app = Celery("gigmarket")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each app's tasks.py (jobs.tasks, rights.tasks, ...) registers its tasks.
app.autodiscover_tasks()


def runs_inline() -> bool:
    """True when tasks run in the calling process (no broker configured)."""
    return bool(app.conf.task_always_eager)


def broker_label() -> str:
    """The broker's address without its password, for messages and the health check."""
    parts = urlsplit(app.conf.broker_url or "")
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def queue_problem(*, timeout: float = 2.0) -> str | None:
    """None when the queue can take work; otherwise a short reason (for the health endpoint).

    Inline mode has no broker to reach and is always fine. With a broker, one connection is
    opened and closed; internals are never part of the answer the public sees.
    """
    if runs_inline():
        return None
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=0, timeout=timeout)  # one try, no back-off
    except Exception as error:  # noqa: BLE001 — any failure means "cannot queue"
        return f"broker unreachable ({type(error).__name__})"
    return None
