"""App config of the shared kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GigmarketConfig(AppConfig):
    name = "gigmarket"
    verbose_name = _("Shared kernel")

    def ready(self) -> None:
        from gigmarket import (
            demo_steps,  # noqa: F401  (registers the kernel's demo step)
            notify,
        )

        # Codes texted at registration: sent at once (notify.send_now), never refusable.
        notify.register_kind(
            "phone_code",
            label=_("Registration code"),
            text=_("Your code is {code}, valid for 10 minutes. Do not tell anyone."),
            urgent=True,
            opt_out_kind=False,
        )
        notify.register_kind(
            "phone_registered",
            label=_("Already registered"),
            text=_("This number is already registered. Log in with it, or ask at any station."),
            urgent=True,
            opt_out_kind=False,
        )
