"""App config: Seekers (人员库): the register of people looking for gig work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "seekers"
    verbose_name = _("Seekers")

    def ready(self) -> None:
        from gigmarket import panels
        from seekers import demo_steps  # noqa: F401  (registers the seekers demo step)
        from seekers.panels import me_panel, workbench_panel

        panels.me.register(me_panel)
        panels.workbench.register(workbench_panel)
