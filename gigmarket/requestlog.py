"""Structured logs: one JSON line per request, and the optional error tracker (Sentry).

Each request gets an id (nginx's X-Request-ID when it sends a sane one, else a new one); the
middleware writes ``{"request_id", "method", "path", "status", "duration_ms", "user_id"}`` on the
``gigmarket.request`` logger and returns the id in the response's X-Request-ID header, so a user's
"error code" can be found in nginx's log and the app's. No query strings (a search box may carry a
name or a number), no names, no addresses: the user is an id. Every other log line written while
the request runs carries the same ``request_id`` (:class:`RequestIdFilter`).

Kept apart from gigmarket/logging.py (the personal-data filter), which both formatters here use.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

import sentry_sdk

from gigmarket.logging import scrub

logger = logging.getLogger("gigmarket.request")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_SANE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
#: What a log record carries besides its message, copied into the JSON line when present.
#: The health endpoint's path (gigmarket/health.py).
PROBE_PATH = "/health/"
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


def current_request_id() -> str:
    """The id of the request this thread is serving ("" outside a request)."""
    return _request_id.get()


class RequestLogMiddleware:
    """One line per request with its id, user id, status and duration (outermost middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            user = getattr(request, "user", None)
            # The load balancer's probe every few seconds: logged only when it fails.
            level = logging.DEBUG if request.path == PROBE_PATH and status == 200 else logging.INFO
            logger.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "request_id": request_id,
                    "method": request.method,
                    "path": request.path,  # never the query string
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Give every record the id of the request being served, so its lines can be found together."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, and the request's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        for field in FIELDS:
            value = getattr(record, field, None)
            if value not in (None, ""):
                line[field] = value
        if record.exc_info:
            line["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


# ---- the optional error tracker ----


def _scrubbed(value):
    """The same structure with every mobile and ID number in its strings masked."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrubbed(item) for item in value)
    return value


def before_send(event: dict, hint: dict | None = None) -> dict:
    """Mask personal numbers anywhere in an error event (message, exception values, stack
    variables, breadcrumbs) and drop what identifies a person, before it leaves the host."""
    event = _scrubbed(event)
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            for name in list(headers):
                if name.lower() in {"cookie", "authorization", "x-csrftoken"}:
                    headers.pop(name)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    return event


def init_error_tracker(
    dsn: str, *, environment: str = "production", traces_sample_rate: float = 0.0, **options
) -> bool:
    """Start Sentry (sentry-sdk) when a DSN is given: no personal data sent, numbers masked."""
    if not dsn:
        return False

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        before_send=before_send,
        before_send_transaction=before_send,
        traces_sample_rate=traces_sample_rate,
        **options,
    )
    return True
