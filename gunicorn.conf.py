"""gunicorn settings: `gunicorn -c gunicorn.conf.py gigmarket.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 30
# Access logs carry paths only; personal data never appears in URLs.
accesslog = "-"
errorlog = "-"
