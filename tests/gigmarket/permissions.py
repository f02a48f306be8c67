"""Permission matrix rows for the kernel's pages."""

from tests.permissions import LOGIN, Check, everyone

OPERATORS = {"staff": 200, "reviewer": 200, "admin": 200}

CHECKS = [
    Check("core:home", everyone(200)),
    Check(
        "core:login",
        {"anonymous": 200},
        default=302,
        note="a logged-in user is sent on to their start page",
    ),
    Check("core:logout", {"anonymous": 302}, default=302, method="post"),
    Check("core:elder_mode", everyone(302), query="?on=1"),
    Check("core:after_login", {"anonymous": LOGIN}, default=302),
    Check("core:workbench", {"anonymous": LOGIN, **OPERATORS}, default=403),
    Check("core:me", {"anonymous": LOGIN, "seeker": 200}, default=403),
    Check("core:audit_log", {"anonymous": LOGIN, "auditor": 200, "partner": 403}, default=403),
    Check(
        "core:message_opt_out",
        everyone(200),
        kwargs=lambda world: {"token": _optout_token()},
        note="the opt-out link in a text: anyone holding the unguessable token",
    ),
    Check("core:message_failures", {"anonymous": LOGIN, "admin": 200}, default=403),
    Check(
        "admin:index",
        {"anonymous": 302},
        default=302,
        note="Django admin is for superusers only; everyone else is sent to its login",
    ),
]


def _optout_token() -> str:
    from gigmarket import notify

    return notify.enqueue(
        key="matrix:optout", kind="placement_signup", to="13900009999", variables={}
    ).token
