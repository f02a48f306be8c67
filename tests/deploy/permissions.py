"""Permission matrix rows for the deployment's pages."""

from tests.permissions import Check, everyone

CHECKS = [
    Check(
        "core:health",
        everyone(200),
        note="public for the load balancer; details only for staff or the host itself",
    ),
]
