"""HTTP caching of public pages: short browser and proxy caching for anonymous visitors, and a
304 for a repeat visit whose page has not changed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

#: Seconds a public page may be reused as is, and then reused while it is fetched again.
PUBLIC_MAX_AGE = 60
PUBLIC_STALE_WHILE_REVALIDATE = 600


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
