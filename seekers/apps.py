"""App config: Seekers (人员库): the register of people looking for gig work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "seekers"
    verbose_name = _("Seekers")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from gigmarket import panels
        from seekers import demo_steps  # noqa: F401  (registers the seekers demo step)
        from seekers.models import Seeker, SeekingPeriod, Skill
        from seekers.panels import me_panel, workbench_panel

        panels.me.register(me_panel)
        panels.workbench.register(workbench_panel)
        from gigmarket import notify
        from seekers.panels import alerts_panel

        panels.me.register(alerts_panel)
        notify.register_kind(
            "seeker_period_ending",
            label=_("Registration about to end"),
            text=_(
                "Your job-seeking registration ends on {end}. Renew with one tap: {link} "
                "or at any station."
            ),
        )
        # Changes are audited, but never with the personal data itself (it would outlive erasure).
        auditlog.register(
            Seeker,
            exclude_fields=[
                "name",
                "mobile",
                "id_number_encrypted",
                "id_number_hash",
                "id_number_masked",
                "birth_date",
                "address",
                "claim_code_hash",
                "claim_code_expires",
                "updated_at",
            ],
        )
        auditlog.register(Skill, exclude_fields=["certificate_number"])
        auditlog.register(SeekingPeriod)
