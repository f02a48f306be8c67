"""App config: Reports (报表): monthly demand ratio, wage prices and service figures."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from gigmarket import panels
        from gigmarket.management.importing import AFTER_IMPORT
        from reports import demo_steps  # noqa: F401  (registers the reports demo step)
        from reports.panels import workbench_panel
        from reports.services import restore_after_import

        panels.workbench.register(workbench_panel)
        AFTER_IMPORT.append(restore_after_import)
