"""App config: Stations (零工市场/零工驿站): the registry, staff assignment, directory, service ledger, evaluation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("Stations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from stations import demo_steps, panels  # noqa: F401  (registers the demo step)
        from stations.models import (
            OpeningException,
            OpeningHours,
            Station,
            StationAssignment,
            StationEvaluation,
        )

        panels.register()
        # The registry, staff and evaluations are audited; the ledger is itself a log.
        for model in (
            Station,
            OpeningHours,
            OpeningException,
            StationAssignment,
            StationEvaluation,
        ):
            auditlog.register(model)
