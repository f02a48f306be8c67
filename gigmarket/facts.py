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
