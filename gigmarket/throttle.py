"""Rate limits counted atomically in the shared cache (Redis in production).

One pattern for every throttle: take a slot *before* doing the limited thing (an atomic
``add`` + ``incr``, so ten simultaneous requests can never all see "2 of 3 used"), give it back
when the thing did not happen. Counting after the fact (read, act, then increment) lets every
request that arrives in the same moment through; this is what made ten simultaneous complaints
from one mobile save six against a limit of three.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` hits on ``key`` within ``window`` seconds of the first one."""

    key: str
    limit: int
    window: int


def _incr(key: str, window: int, delta: int = 1) -> int:
    """Add ``delta`` to the counter, creating it (expiring after ``window``) when absent."""
    for _attempt in range(3):
        cache.add(key, 0, window)  # atomic "set if absent" (SET NX EX on Redis)
        try:
            return cache.incr(key, delta)  # atomic on Redis, and under a lock in locmem
        except ValueError:  # it expired between add and incr: start a new window
            continue
    return cache.incr(key, delta)


def used(limit: Limit) -> int:
    """How many hits the current window has counted."""
    return int(cache.get(limit.key) or 0)


def over(limit: Limit) -> bool:
    """True when the window is used up (a read only: for "stop before trying" checks)."""
    return used(limit) >= limit.limit


def count(limit: Limit) -> int:
    """Count one hit that already happened (e.g. a failed look-up); returns the new total."""
    return _incr(limit.key, limit.window)


def release(limits: Iterable[Limit]) -> None:
    """Give back slots taken by :func:`acquire` for something that did not happen."""
    for limit in limits:
        try:
            cache.decr(limit.key)
        except ValueError:  # the window ended meanwhile: nothing to give back
            pass


def acquire(limits: Iterable[Limit]) -> bool:
    """Take one slot in every limit, all or nothing: True when taken, False (nothing taken) when
    any of them is used up. Call :func:`release` with the same limits if the action then fails."""
    taken: list[Limit] = []
    for limit in limits:
        if _incr(limit.key, limit.window) > limit.limit:
            release([*taken, limit])
            return False
        taken.append(limit)
    return True
