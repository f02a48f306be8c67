"""Registry of demo-data builders: each app adds its own, `seed_demo` runs them in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    run: Callable[[Callable[[str], None]], None]  # takes a ``say`` function for progress


_steps: dict[str, DemoStep] = {}
#: Demo logins printed by `seed_demo` and `make run`: (role label, username, password).
logins: list[tuple[str, str, str]] = []


def register(order: int, name: str) -> Callable:
    """Decorator: register ``func(say)`` as a demo step; steps must be idempotent."""

    def decorator(func: Callable) -> Callable:
        _steps[name] = DemoStep(order, name, func)
        return func

    return decorator


def steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))


def add_login(label: str, username: str, password: str) -> None:
    if (label, username, password) not in logins:
        logins.append((label, username, password))
