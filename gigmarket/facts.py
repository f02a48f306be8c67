"""Facts a higher app supplies about a lower app's records, looked up by name; and events a
lower app tells the higher apps about.

Like the panels, a provider (or listener) is registered in the higher app's ``AppConfig.ready``
so that the lower app asks for the fact, or tells of the event, without importing the apps that
know or care (e.g. the seekers' priority-group ledger asks jobs when each person was last placed;
a seeker's withdrawal tells jobs and training, which free seats and relabel their records).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[..., Any]] = {}
_listeners: dict[str, list[Callable[..., Any]]] = {}


def provide(name: str, func: Callable[..., Any]) -> None:
    """Register (or replace) the provider of the fact ``name``."""
    _providers[name] = func


def ask(name: str, *args: Any, default: Any = None) -> Any:
    """The fact ``name`` for ``args``, or ``default`` when no installed app provides it."""
    func = _providers.get(name)
    return default if func is None else func(*args)


#: Seeker ids → {seeker id: the day (Asia/Shanghai) the person was last placed in work}.
LAST_PLACED_ON = "seekers.last_placed_on"

#: (station, limit) → up to ``limit`` of the station's open jobs, newest first, for its page.
STATION_OPEN_JOBS = "stations.open_jobs"

#: (region or None) → upcoming recruitment events with coordinates, for the stations' map:
#: [{"title", "url", "lat", "lng", "starts"}], lat/lng in WGS84 (converted from GCJ-02 when
#: recorded so), "starts" an ISO 8601 datetime (events app).
MAP_EVENTS = "stations.map_events"

#: (stations queryset, first day of a month) → {station id: gap text} for the markets that held
#: no recruitment event that month (seed 004 §7(3): at least one a month; events app).
MARKET_EVENT_GAPS = "stations.market_event_gaps"

#: (station) → the station's live-stream events going on now: [{"title", "url", "stream_url",
#: "ends"}], for its page and its big screen ("now live"; events app).
STATION_LIVE_EVENTS = "stations.live_events"

#: (station, limit) → up to ``limit`` current published articles (policies, guides, notices) that
#: apply to the station (its own, its township's, the county's), newest first, for its page.
STATION_ARTICLES = "stations.articles"


def listen(event: str, func: Callable[..., Any]) -> None:
    """Register ``func`` to be told of ``event`` (registering the same function twice keeps one)."""
    funcs = _listeners.setdefault(event, [])
    if func not in funcs:
        funcs.append(func)


def tell(event: str, **details: Any) -> None:
    """Tell every listener of ``event``, in the caller's transaction: a listener that fails rolls
    the whole change back, so nothing is half done."""
    for func in list(_listeners.get(event, ())):
        func(**details)


#: A seeker withdrew from the register (``seeker``, ``by``): the apps above free what the person
#: held (training seats) and take the name off their records (placement ledger labels).
SEEKER_WITHDRAWN = "seekers.withdrawn"

#: A placement was confirmed (``placement``, ``by``): the apps above follow up on it (guidance
#: prompts staff to recommend accident insurance when the job has none).
PLACEMENT_CONFIRMED = "jobs.placement_confirmed"
#: A placement was completed (``placement``, ``by``): satisfaction surveys follow.
PLACEMENT_COMPLETED = "jobs.placement_completed"
#: A person finished a training class (``referral``, ``by``).
TRAINING_COMPLETED = "training.completed"
#: A complaint was closed (``complaint``, ``by``).
COMPLAINT_CLOSED = "rights.complaint_closed"
#: (placement, side) → the link of the station's short survey for that side, or None.
PLACEMENT_SURVEY_URL = "jobs.placement_survey_url"
#: (station, year) → {"months": [{"month", "n", "overall"}...], "count", "average"} of the
#: satisfaction surveys answered about the station in the year (average out of 5, or None).
STATION_SATISFACTION = "stations.satisfaction"
#: station → the address of its standing satisfaction survey (posted at the station), or None.
STATION_SURVEY_URL = "stations.survey_url"
