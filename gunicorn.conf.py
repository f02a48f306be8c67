"""gunicorn settings: `gunicorn -c gunicorn.conf.py gigmarket.wsgi` (deploy/gigmarket-web.service)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# More than one thread makes these gthread workers, which keep nginx's upstream connections alive.
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Longer than nginx's upstream keepalive_timeout (60 s), so nginx always closes first.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 75))
timeout = 30
graceful_timeout = 30
# The app writes one JSON line per request itself (gigmarket/requestlog.py); gunicorn's own
# access log is off unless asked for, and never carries query strings (%(U)s is the path alone).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
