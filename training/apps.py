"""App config: Training (培训): programmes, referrals and demand orders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from gigmarket import facts, panels
        from training import demo_steps  # noqa: F401  (registers the training demo step)
        from training.models import Institution, Programme, Session
        from training.panels import me_panel, workbench_panel

        panels.me.register(me_panel)
        from gigmarket import notify

        notify.register_kind(
            "training_class_tomorrow",
            label=_("Training class tomorrow"),
            text=_("Reminder: your training {programme} has a class tomorrow at {time}, {place}."),
        )
        panels.workbench.register(workbench_panel)
        # A seeker's withdrawal frees their seats on programmes not yet over.
        from training.services import referrals_drop_withdrawn

        facts.listen(facts.SEEKER_WITHDRAWN, referrals_drop_withdrawn)
        # Programmes and institutions are audited; referrals and orders keep their own transition logs.
        for model in (Institution, Programme, Session):
            auditlog.register(model)
