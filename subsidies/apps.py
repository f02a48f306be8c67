"""App config: Subsidies (补贴申领): schemes as data, claims and their handling."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from subsidies import demo_steps  # noqa: F401  (registers the subsidies demo step)
        from subsidies.models import Scheme
        from subsidies.panels import register

        register()
        # Schemes are configuration edited in the site administration: every change is audited
        # (a claim's own trail is its ClaimLog).
        auditlog.register(Scheme)
