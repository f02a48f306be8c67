"""Health of the site for the load balancer (健康检查): database, cache, storage and the queue.

``GET /health/`` answers ``ok`` (200) or ``fail`` (503) as plain text to everyone: a load
balancer needs nothing more, and the public learns nothing about what is inside. Staff accounts,
and requests made on the host itself (not through the proxy), get each check with its error.

Adding a check: ``@health.register("name")`` on a function that returns nothing when all is well
and raises when not (the queue's below asks ``gigmarket.celery_app.queue_problem``). It must be
quick: the balancer asks every few seconds.
"""

from __future__ import annotations

import ipaddress
import time
import uuid
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gigmarket.celery_app import queue_problem
from gigmarket.network import client_ip

Check = Callable[[], None]
CHECKS: dict[str, Check] = {}


def register(name: str) -> Callable[[Check], Check]:
    """Add a named check (a function that raises when its component is unwell)."""

    def decorator(check: Check) -> Check:
        CHECKS[name] = check
        return check

    return decorator


@register("database")
def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("SELECT 1 did not return 1")


@register("cache")
def _cache() -> None:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was just stored")
    finally:
        cache.delete(key)


@register("storage")
def _storage() -> None:
    """Private files (complaint evidence) can be written, read back and deleted."""
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != b"ok":
                raise RuntimeError("storage did not return what was just written")
    finally:
        default_storage.delete(name)


@register("queue")
def _queue() -> None:
    """The task queue's broker can take work (always, when tasks run inline: no broker)."""
    problem = queue_problem()
    if problem:
        raise RuntimeError(problem)


def run_checks() -> dict[str, dict]:
    """Each check's outcome: ``{"ok": bool, "ms": float, "error": str}``."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as error:  # noqa: BLE001  (any failure is "fail", with its reason)
            results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        else:
            results[name] = {"ok": True, "error": ""}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return results


def _may_see_details(request: HttpRequest) -> bool:
    """Staff, or a request made on this host straight to the app (nginx always adds
    X-Forwarded-For, so a request through the proxy is never "local")."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and (user.is_staff_account or user.is_superuser):
        return True
    if request.META.get("HTTP_X_FORWARDED_FOR"):
        return False
    try:
        return ipaddress.ip_address(client_ip(request) or "").is_loopback
    except ValueError:
        return False


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """ "ok" (200) or "fail" (503); the checks' details only for staff and for the host itself."""
    results = run_checks()
    healthy = all(result["ok"] for result in results.values())
    status = 200 if healthy else 503
    if _may_see_details(request):
        return JsonResponse(
            {"status": "ok" if healthy else "fail", "checks": results}, status=status
        )
    return HttpResponse("ok" if healthy else "fail", status=status, content_type="text/plain")
