"""WSGI entry point (gunicorn gigmarket.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.production")
application = get_wsgi_application()
