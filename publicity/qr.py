"""QR codes for articles, station pages and the rights QR (segno, drawn once a day per URL)."""

from __future__ import annotations

import hashlib

import segno
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse

QR_SECONDS = 24 * 3600


def data_uri(url: str, *, scale: int = 4) -> str:
    """An SVG QR code of ``url`` as a data URI (error correction M: survives a scuffed poster)."""
    key = f"publicity:qr:{scale}:{hashlib.sha256(url.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = segno.make(url, error="m").svg_data_uri(scale=scale, border=2)
        cache.set(key, found, QR_SECONDS)
    return found


def rights_url(request: HttpRequest, station_code: str) -> str:
    """The rights QR's target (维权码): the complaint form with the station already chosen.

    The rights app sits above this one, so the address is built by its URL name only."""
    return request.build_absolute_uri(
        reverse("rights:complaint_create") + f"?station={station_code}"
    )
