"""App config: Rights (权益维护): complaints and their case handling."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Rights")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from rights import demo_steps  # noqa: F401  (registers the rights demo step)
        from rights.models import Holiday, KindDeadline
        from rights.panels import register

        register()
        from gigmarket import notify

        notify.register_kind(
            "complaint_state",
            label=_("Complaint progress"),
            text=_("Your complaint {number} is now: {state}. Details: {link}"),
        )
        # Deadline settings are audited (a case's own trail is its ComplaintLog).
        auditlog.register(Holiday)
        auditlog.register(KindDeadline)
