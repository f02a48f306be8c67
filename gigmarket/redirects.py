"""The one rule for where a ``next`` parameter may send a browser: a path on this site, else the default.

Every view that takes ``next`` (from a form's hidden field or the query string) goes through
``safe_next_url`` / ``redirect_to_next``. The target must be a relative path starting with a single
``/`` on this host (``url_has_allowed_host_and_scheme`` with the request's own host); anything else
— a bare word such as ``abc`` that ``django.shortcuts.redirect`` would try to reverse as a URL name
(a server error *after* the write was saved), ``//evil.example``, ``https://evil.example``,
``javascript:…``, ``/\\evil`` or a value with control characters — gives the view's default.
The redirect is an ``HttpResponseRedirect`` to the checked path, never a URL-name lookup.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

#: Longest ``next`` accepted; a longer one is not a page of ours.
MAX_NEXT_LENGTH = 2000


def is_safe_path(target: object, request: HttpRequest) -> bool:
    """True when ``target`` is a relative path on this site that a browser cannot read as another host."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT_LENGTH:
        return False
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in target):
        return False
    return url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next_url(request: HttpRequest, default: str, *, field: str = "next") -> str:
    """The ``next`` path from the POST body (then the query string) when safe, else ``default``."""
    target = request.POST.get(field) if request.method == "POST" else None
    if not target:
        target = request.GET.get(field)
    return target if is_safe_path(target, request) else default


def redirect_to_next(
    request: HttpRequest, default: str, *, field: str = "next"
) -> HttpResponseRedirect:
    """Redirect to the safe ``next`` path, or to ``default`` (already a URL, not a URL name)."""
    return HttpResponseRedirect(safe_next_url(request, default, field=field))
