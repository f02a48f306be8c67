"""App config: Rights (权益维护): complaints and their case handling."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Rights")

    def ready(self) -> None:
        from rights import demo_steps  # noqa: F401  (registers the rights demo step)
        from rights.panels import register

        register()
