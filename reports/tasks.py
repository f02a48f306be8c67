"""Queued and scheduled work for reports: the previous month's figures, computed and stored on the 1st.

Storing is not publishing: the bulletin changes only when a county admin publishes (a person's act).
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from gigmarket.models import Region
from reports import services
from reports.models import StoredMonth
from reports.selectors import Month

logger = logging.getLogger("gigmarket.tasks")


def previous_month(today: datetime.date | None = None) -> Month:
    """The month before ``today``'s (Asia/Shanghai)."""
    return Month.of(today or timezone.localdate()).previous


def store_month(*, month: Month) -> list[StoredMonth]:
    """Compute and store one month's counts (``reports.services.store_month``) for the whole
    deployment and for every region whose months are already kept, so each trend is ready."""
    regions: list[Region | None] = [None]
    regions += list(
        Region.objects.filter(
            pk__in=StoredMonth.objects.filter(region__isnull=False).values("region")
        ).order_by("code")
    )
    return [services.store_month(month=month, region=region) for region in regions]


@shared_task(name="reports.tasks.store_previous_month")
def store_previous_month() -> int:
    """On the 1st: compute and store last month's counts (not published); returns how many."""
    month = previous_month()
    stored = store_month(month=month)
    logger.info("store_previous_month: %s stored for %d area(s)", month, len(stored))
    return len(stored)
