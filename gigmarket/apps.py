"""App config of the shared kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GigmarketConfig(AppConfig):
    name = "gigmarket"
    verbose_name = _("Shared kernel")

    def ready(self) -> None:
        from gigmarket import demo_steps  # noqa: F401  (registers the kernel's demo step)
