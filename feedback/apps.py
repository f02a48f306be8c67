"""App config: Feedback (评价与满意度): satisfaction surveys, ratings follow-up."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from feedback import (
            demo_steps,  # noqa: F401  (registers the demo step)
            services,
        )
        from gigmarket import facts, notify, panels
        from gigmarket.roles import Role

        notify.register_kind(
            "survey",
            label=_("Satisfaction survey"),
            text=_("How was our service ({what})? Three quick questions: {link}"),
        )
        facts.listen(facts.PLACEMENT_COMPLETED, services.on_placement_completed)
        facts.listen(facts.TRAINING_COMPLETED, services.on_training_completed)
        facts.listen(facts.COMPLAINT_CLOSED, services.on_complaint_closed)
        facts.provide(facts.PLACEMENT_SURVEY_URL, services.placement_survey_url)
        facts.provide(facts.STATION_SATISFACTION, services.station_satisfaction)
        facts.provide(facts.STATION_SURVEY_URL, services.station_survey_url)
        panels.workbench.register(
            panels.Panel(
                key="feedback",
                title=_("Feedback and satisfaction"),
                template="feedback/_panel.html",
                context=lambda request: {},
                visible=lambda request: request.user.has_role(
                    Role.STATION_STAFF, Role.COUNTY_ADMIN
                ),
                order=80,
            )
        )
