"""Facts a higher app supplies about a lower app's records, looked up by name.

Like the panels, a provider is registered in the higher app's ``AppConfig.ready`` so that the
lower app asks for the fact without importing the app that knows it (e.g. the seekers'
priority-group ledger asks jobs when each person was last placed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_providers: dict[str, Callable[..., Any]] = {}


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
