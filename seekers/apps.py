"""App config: Seekers (人员库): the register of people looking for gig work."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeekersConfig(AppConfig):
    name = "seekers"
    verbose_name = _("Seekers")
