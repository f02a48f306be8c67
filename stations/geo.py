"""Coordinates: WGS84 ↔ GCJ-02 (the datum Chinese web maps use) and great-circle distance."""

from __future__ import annotations

import math
from urllib.parse import quote

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the GCJ-02 obfuscation uses
_EE = 0.00669342162296594323
EARTH_RADIUS_KM = 6371.0088


def _outside_china(lat: float, lng: float) -> bool:
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 105.0, lat - 35.0
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
        + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    )
    dlng = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * math.sqrt(abs(x))
        + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
        + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
        + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlat, dlng


def wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    """A GPS (WGS84) point as Chinese web maps (GCJ-02) place it; unchanged outside China."""
    if _outside_china(lat, lng):
        return lat, lng
    dlat, dlng = _delta(lat, lng)
    return lat + dlat, lng + dlng


def gcj02_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    """The inverse, by iteration (error well under a metre)."""
    if _outside_china(lat, lng):
        return lat, lng
    wlat, wlng = lat, lng
    for _ in range(10):
        glat, glng = wgs84_to_gcj02(wlat, wlng)
        wlat, wlng = wlat - (glat - lat), wlng - (glng - lng)
    return wlat, wlng


def navigation_links(
    *, name: str, wgs84: tuple[float, float], gcj02: tuple[float, float]
) -> list[dict[str, str]]:
    """Links that open the phone's map app at a place, each in the datum its scheme expects.

    ``geo:`` (RFC 5870, any Android phone's default map app) takes WGS84; Amap's URI (高德地图,
    which opens the app if installed, its web map otherwise, also inside messaging apps) is given
    GCJ-02, which is what ``coordinate=gaode`` declares.
    """
    lat, lng = wgs84
    glat, glng = gcj02
    label = quote(name, safe="")
    return [
        {
            "scheme": "geo",
            "url": f"geo:{lat:.6f},{lng:.6f}?q={lat:.6f},{lng:.6f}({label})",
        },
        {
            "scheme": "amap",
            "url": (
                f"https://uri.amap.com/marker?position={glng:.6f},{glat:.6f}&name={label}"
                "&coordinate=gaode&callnative=1&src=gigmarket"
            ),
        },
    ]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lng) points of the same datum."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
