"""Development settings: the embedded SQLite database, debug on."""

from gigmarket.settings.base import *  # noqa: F403
from gigmarket.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
