"""What the public job pages keep in the shared cache (the filter form, the first page's cards
per filter, QR codes per job), and how it is forgotten when a job changes."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import segno
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "jobs:list:generation"
#: Cached list fragments live at most this long, so that "posted 3 minutes ago" and anything
#: changed outside ``Job.save`` (a bulk update) catch up within a minute.
FRAGMENT_SECONDS = 60
#: The unbound or filtered form changes only when occupations, townships or stations do.
FORM_SECONDS = 300
QR_SECONDS = 24 * 3600


def generation() -> int:
    """The current generation of the job lists: it moves on whenever any job is saved."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, int(time.time() * 1000), None)
        value = cache.get(GENERATION_KEY) or 0
    return value


def forget_lists() -> None:
    """A job was saved: every cached list fragment is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), None)


def cached(key: str, build: Callable[[], object], seconds: int) -> object:
    """``key``'s value from the shared cache, or ``build()`` stored there."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def list_key(kind: str, filters: str, page: int = 1) -> str:
    """Key of a list fragment: language, day (listing depends on the date), generation, filters."""
    return (
        f"jobs:list:{kind}:{get_language()}:{timezone.localdate():%Y%m%d}:{generation()}:"
        f"{page}:{_digest(filters)}"
    )


def form_key(filters: str) -> str:
    """Key of the filter form as drawn for these filters (the unbound form is ``""``)."""
    return f"jobs:form:{get_language()}:{_digest(filters)}"


def qr_data_uri(url: str) -> str:
    """An SVG QR code of ``url`` as a data URI, drawn once a day per URL."""
    return cached(
        f"jobs:qr:{_digest(url)}",
        lambda: segno.make(url, error="m").svg_data_uri(scale=4, border=2),
        QR_SECONDS,
    )
