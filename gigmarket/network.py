"""The address a request came from, honouring the proxies the deployment says it sits behind."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: with N trusted proxies in front (AXES_PROXY_COUNT), the entry the
    outermost of them appended to X-Forwarded-For; else REMOTE_ADDR. Used for rate limits and
    by django-axes (AXES_CLIENT_IP_CALLABLE), so that behind a proxy not every visitor shares one.
    """
    count = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    # None when unknown (a test client's force_login, a Unix socket): axes stores the address in
    # an inet column, which PostgreSQL refuses for a word like "unknown".
    return request.META.get("REMOTE_ADDR") or None
