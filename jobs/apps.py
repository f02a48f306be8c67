"""App config: Jobs (岗位): employers, job orders, review, matching and dispatch (派单)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Jobs")
