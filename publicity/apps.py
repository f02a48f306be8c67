"""App config: Publicity (政策宣传): policy articles, service guides, the station's wall notice."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "publicity"
    verbose_name = _("Policy publicity")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from gigmarket import facts
        from gigmarket import panels as kernel_panels
        from publicity import demo_steps, panels  # noqa: F401  (registers the demo step)
        from publicity.models import Article
        from publicity.selectors import station_articles

        kernel_panels.workbench.register(panels.workbench_panel)
        kernel_panels.home.register(panels.home_panel)
        facts.provide(facts.STATION_ARTICLES, station_articles)
        auditlog.register(Article)
