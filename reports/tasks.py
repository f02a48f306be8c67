"""Queued and scheduled work for reports: the previous month's figures, computed and stored on the 1st.

Storing is not publishing: the bulletin changes only when a county admin publishes (a person's act).
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from reports import exports, services
from reports.selectors import Month, monthly_report

logger = logging.getLogger("gigmarket.tasks")


def previous_month(today: datetime.date | None = None) -> Month:
    """The month before ``today``'s (Asia/Shanghai)."""
    return Month.of(today or timezone.localdate()).previous


def store_month(*, month: Month) -> str:
    """Compute and store one month's figures for the whole deployment; returns where they went.

    The stored monthly aggregates (``reports.services.store_month``) are used when the reports app
    has them; until then the computed report is kept as JSON in private storage
    (``reports/computed/YYYY-MM.json``), from which nothing is published automatically.
    """
    stored = getattr(services, "store_month", None)
    if stored is not None:
        stored(month=month, region=None)
        return f"reports.services.store_month({month})"
    name = f"reports/computed/{month}.json"
    body = exports.as_json(monthly_report(month=month, region=None))
    if default_storage.exists(name):
        default_storage.delete(name)  # a rerun replaces the month's figures, never adds a copy
    return default_storage.save(name, ContentFile(body))


@shared_task(name="reports.tasks.store_previous_month")
def store_previous_month() -> str:
    """On the 1st: compute and store last month's figures (not published)."""
    where = store_month(month=previous_month())
    logger.info("store_previous_month: stored in %s", where)
    return where
