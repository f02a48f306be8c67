"""gigmarket: the project package and the shared kernel (user, vocabulary, validators, audit)."""

# Loaded with Django so that every @shared_task binds to this project's Celery app.
from gigmarket.celery_app import app as celery_app

__all__ = ["celery_app"]
