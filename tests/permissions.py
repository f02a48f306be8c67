"""The permission matrix's vocabulary: one Check per URL pattern, expected outcome per role.

Each app lists its checks in ``tests/<app>/permissions.py`` as ``CHECKS``; the matrix test
collects them all and a meta-test fails when any named URL pattern has no check.
Outcomes: an HTTP status (200, 302, 403, 404, 405) or LOGIN (a redirect to the login page).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

import tests

LOGIN = "login"


@dataclass(frozen=True)
class Check:
    """``name``: the URL name; ``expect``: role → outcome (roles left out expect ``default``).

    ``kwargs(world)`` builds what the URL needs and returns its kwargs (``world`` maps role →
    user); ``data(world)`` gives the POST body.
    """

    name: str
    expect: dict[str, int | str]
    default: int | str | None = None
    method: str = "get"
    kwargs: Callable[[dict], dict] | None = None
    data: Callable[[dict], dict] | None = None
    note: str = ""
    query: str = ""

    def outcome(self, role: str) -> int | str:
        if role in self.expect:
            return self.expect[role]
        if role == "partner":
            # A partner is a back-office account (kind "staff") with no seeker, employer, station
            # or review powers: wherever a row does not name it, it meets what the auditor meets
            # (the auditor's only power, the audit log, names the partner explicitly).
            return self.outcome("auditor")
        if self.default is None:
            raise KeyError(f"{self.name}: no outcome for {role}")
        return self.default


def everyone(outcome: int | str) -> dict[str, int | str]:
    from tests.roles import ROLES

    return dict.fromkeys(ROLES, outcome)


def collect_checks() -> list[Check]:
    """Every ``CHECKS`` list in ``tests/<package>/permissions.py``."""
    found: list[Check] = []
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            perms = importlib.import_module(f"tests.{module.name}.permissions")
        except ModuleNotFoundError as error:
            if error.name == f"tests.{module.name}.permissions":
                continue
            raise
        found.extend(perms.CHECKS)
    return found


@dataclass
class World:
    users: dict = field(default_factory=dict)
