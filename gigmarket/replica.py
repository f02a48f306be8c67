"""Reads from a PostgreSQL replica (只读副本) for reports, exports and the public bulletin.

With ``DATABASE_REPLICA_URL`` set, the ``replica`` database alias exists and
``DATABASE_REPLICA_READS`` is on. A GET or HEAD request to a view named in
``DATABASE_REPLICA_VIEWS`` then reads the domain apps' tables from the replica; everything else —
every write, every other page, sessions, accounts and the audit trail — uses the primary
(``default``). Code outside a request (a task, a command) can ask for the same with
``with reads_from_replica(): ...``.

The replica lags the primary by a moment: right after publishing, the bulletin may show the old
month for a second or two. That is why only read-only report views are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

REPLICA = "replica"
PRIMARY = "default"
#: Apps whose tables a report reads; accounts, sessions, lockouts and logs always come from the primary.
REPLICA_APPS = frozenset({"stations", "seekers", "jobs", "training", "rights", "reports"})

_reading_replica: ContextVar[bool] = ContextVar("gigmarket_reading_replica", default=False)


def replica_enabled() -> bool:
    return (
        bool(getattr(settings, "DATABASE_REPLICA_READS", False)) and REPLICA in settings.DATABASES
    )


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Within this block, reads of the domain apps' tables go to the replica (when there is one)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


class ReplicaRouter:
    """Writes always to the primary; reads to the replica only inside ``reads_from_replica``."""

    def db_for_read(self, model, **hints) -> str | None:
        if _reading_replica.get() and model._meta.app_label in REPLICA_APPS and replica_enabled():
            return REPLICA
        return None  # Django's default: the primary (or the instance's own database)

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True  # the same data, one of them a copy
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        if db == REPLICA:
            return False  # the replica follows the primary; it is never migrated itself
        return None


def _listed(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    views = settings.DATABASE_REPLICA_VIEWS
    return match.view_name in views or f"{match.namespace}:*" in views


class ReplicaReadsMiddleware:
    """Runs listed read-only views (GET/HEAD) inside ``reads_from_replica``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and replica_enabled() and _listed(request.path_info):
            with reads_from_replica():
                return self.get_response(request)
        return self.get_response(request)
