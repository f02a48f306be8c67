"""Reads the events app answers for the apps below it (``gigmarket.facts``), registered in ready()."""

from __future__ import annotations

from django.utils import timezone

from events.models import Event
from gigmarket.models import Region

MAP_EVENTS_SHOWN = 50


def map_events(region: Region | None = None) -> list[dict]:
    """Upcoming events with coordinates, WGS84, for the stations' map (``facts.MAP_EVENTS``)."""
    events = Event.objects.upcoming().within(region).filter(latitude__isnull=False)
    rows = []
    for event in events[:MAP_EVENTS_SHOWN]:
        lat, lng = event.wgs84()
        rows.append(
            {
                "title": event.title,
                "url": event.get_absolute_url(),
                "lat": round(lat, 6),
                "lng": round(lng, 6),
                "starts": timezone.localtime(event.starts_at).isoformat(),
            }
        )
    return rows


def live_events(station) -> list[dict]:
    """The station's live streams going on now (``facts.STATION_LIVE_EVENTS``)."""
    now = timezone.now()
    events = (
        Event.objects.of_station(station)
        .filter(
            kind=Event.Kind.LIVE_STREAM,
            state__in=(Event.State.OPEN, Event.State.HELD),
            starts_at__lte=now,
            ends_at__gt=now,
        )
        .order_by("starts_at")
    )
    return [
        {
            "title": e.title,
            "url": e.get_absolute_url(),
            "stream_url": e.stream_url,
            "ends": e.ends_at,
        }
        for e in events[:3]
    ]
