"""App config: Partners (合作单位): organisations that register and refer people to the stations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from partners import demo_steps  # noqa: F401  (registers the partners demo step)
        from partners.models import Partner, PartnerMember
        from partners.panels import register

        register()
        # Who acts for which organisation is configuration: audited.
        auditlog.register(Partner)
        auditlog.register(PartnerMember)
