"""Figures of recruitment events: one event's results, a month's (for the monthly report), and the
markets that held none in a month (the yearly workload counts events through the ledger)."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from events.models import Event, EventPlacement, Participation, Registration
from gigmarket.models import Region

#: A placement "comes from" an event once confirmed (or on duty, or completed).
PLACED_STATES = ("confirmed", "on_duty", "completed")


def event_results(event: Event) -> dict[str, int]:
    """Employers and seekers present, registrations, job sign-ups, placements, intentions."""
    links = EventPlacement.objects.filter(event=event).aggregate(
        sign_ups=Count("pk"),
        placements=Count("pk", filter=Q(placement__state__in=PLACED_STATES)),
    )
    registrations = Registration.objects.filter(event=event).aggregate(
        registered=Count("pk"), present=Count("pk", filter=Q(attended_at__isnull=False))
    )
    return {
        "employers": Participation.objects.filter(
            event=event, state=Participation.State.ACCEPTED
        ).count(),
        "employers_present": Participation.objects.filter(
            event=event, state=Participation.State.ACCEPTED, present=True
        ).count(),
        "registered": registrations["registered"],
        "seekers_present": registrations["present"],
        "sign_ups": links["sign_ups"],
        "placements": links["placements"],
        "intentions_reached": event.intentions_reached,
    }


def _bounds(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """00:00 Asia/Shanghai on the month's first day, and on the next month's."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    nxt = last + datetime.timedelta(days=1)
    return (
        datetime.datetime.combine(first, datetime.time(0), tzinfo=zone),
        datetime.datetime.combine(nxt, datetime.time(0), tzinfo=zone),
    )


def month_figures(month, region: Region | None) -> dict[str, int]:
    """The month's events for the monthly report: events held (starting in the month), employers
    and seekers present at them, and placements that came from them.

    ``month`` is anything with a ``first`` date (the reports app's ``Month``).
    """
    start, end = _bounds(month.first.replace(day=1))
    events = Event.objects.held().starting_between(start, end).within(region)
    return {
        "events_held": events.count(),
        "event_employers_present": Participation.objects.filter(
            event__in=events, state=Participation.State.ACCEPTED, present=True
        ).count(),
        "event_seekers_present": Registration.objects.filter(event__in=events).attended().count(),
        "event_placements": EventPlacement.objects.filter(
            event__in=events, placement__state__in=PLACED_STATES
        ).count(),
    }


def market_event_gaps(stations, first: datetime.date) -> dict[int, str]:
    """{station id: gap} for the markets among ``stations`` (open during the month) that held no
    recruitment event in the month starting ``first`` (seed 004 §7(3): at least one a month)."""
    start, end = _bounds(first)
    last = (end - datetime.timedelta(days=1)).date()
    markets = stations.filter(kind="market").filter(
        Q(opened_on__isnull=True) | Q(opened_on__lte=last)
    )
    held = Event.objects.held().starting_between(start, end)
    with_event = set(held.values_list("station_id", flat=True)) | set(
        held.values_list("partner_stations", flat=True)
    )
    message = _("No recruitment event held in %(month)s (at least one a month is required).") % {
        "month": f"{first:%Y-%m}"
    }
    return {pk: message for pk in markets.values_list("pk", flat=True) if pk not in with_event}
