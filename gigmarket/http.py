"""HTTP caching of public pages: short browser and proxy caching for anonymous visitors, a 304
for a repeat visit whose page has not changed, and (``shared_page``) an anonymous visitor's whole
page kept in the shared cache for a minute."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.translation import get_language

from gigmarket.context_processors import ELDER_COOKIE

#: Seconds a public page may be reused as is, and then reused while it is fetched again.
PUBLIC_MAX_AGE = 60
PUBLIC_STALE_WHILE_REVALIDATE = 600
#: Seconds an anonymous visitor's whole page stays in the shared cache (``shared_page``); 0 draws
#: every page (bench/wsgi.py sets it to measure pages drawn on every request).
PAGE_SECONDS = 60


def _drawn_for_this_visitor(request: HttpRequest) -> bool:
    """Whether the page holds something of this visitor's own: a one-time message (often naming
    a tracking number or a person) or a CSRF token. Their cookies are set only after the view, by
    the messages and CSRF middleware, so ``response.cookies`` is still empty here."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response is the same for every anonymous visitor (no account, no session,
    no cookie set, no one-time message, no CSRF token)."""
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _drawn_for_this_visitor(request)
    )


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public page: anonymous visitors get ``Cache-Control: public, max-age=60,
    stale-while-revalidate=600`` (signed-in people ``private``); every visitor gets an ETag and a
    304 when the page they hold is still current."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.streaming or response.status_code != 200:
            return response
        if _shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=PUBLIC_MAX_AGE,
                stale_while_revalidate=PUBLIC_STALE_WHILE_REVALIDATE,
            )
        else:
            patch_cache_control(response, private=True, no_cache=True)
        if not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped


def _may_share(request: HttpRequest) -> bool:
    """Before the view: whether this request could be answered with the page every anonymous
    visitor gets (no session, no one-time message waiting, not an htmx partial)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """After the view: the page holds nothing of this visitor's own (see ``_shareable``), no CSP
    nonce (its header is written per response) and no header of the view's besides its type."""
    return (
        not response.streaming
        and _shareable(request, response)
        and getattr(request, "_csp_nonce", None) is None
        and {name.lower() for name in response.headers} <= {"content-type"}
    )


def shared_page(
    *, params: frozenset[str] = frozenset(), version: Callable[[], object] = lambda: ""
) -> Callable:
    """Keep the page an anonymous visitor gets in the shared cache for ``PAGE_SECONDS``: the next
    anonymous visitor of the same URL (same language, same elder mode) gets it without the view
    or its templates. Only URLs whose query string holds nothing but ``params`` are kept (no
    one can fill the cache with made-up parameters); ``version()`` is part of the key, so a page
    is forgotten as soon as what it shows changes (e.g. the job lists' generation)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        name = f"{view.__module__}.{view.__name__}"

        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not PAGE_SECONDS or not _may_share(request) or not set(request.GET) <= params:
                return view(request, *args, **kwargs)
            path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
            elder = int(request.COOKIES.get(ELDER_COOKIE) == "1")
            key = f"page:{name}:{get_language()}:{elder}:{version()}:{path}"
            stored = cache.get(key)
            if stored is not None:
                content_type, content = stored
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                cache.set(key, (response["Content-Type"], response.content), PAGE_SECONDS)
            return response

        return wrapped

    return decorator
