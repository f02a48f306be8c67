"""App config: Guidance (职业指导): career guidance and service plans, help with employment and
unemployment registration, and accident-insurance recommendations."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guidance")

    def ready(self) -> None:
        from gigmarket import facts, panels
        from guidance import demo_steps  # noqa: F401  (registers the guidance demo step)
        from guidance.panels import insurance_panel, me_panel, workbench_panel
        from guidance.services import guidance_forget_withdrawn, insurance_advice_open

        panels.workbench.register(workbench_panel)
        panels.me.register(me_panel)
        panels.me.register(insurance_panel)
        # A placement confirmed on a job without insurance prompts a recommendation.
        facts.listen(facts.PLACEMENT_CONFIRMED, insurance_advice_open)
        # A withdrawn person's assessment (health limits among it) is erased.
        facts.listen(facts.SEEKER_WITHDRAWN, guidance_forget_withdrawn)
