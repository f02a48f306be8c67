"""Queued and scheduled work for jobs: expiry (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

import logging

from celery import shared_task

from jobs.services import expire_due_jobs, job_alerts_send

logger = logging.getLogger("gigmarket.tasks")


@shared_task(name="jobs.tasks.expire_jobs")
def expire_jobs() -> int:
    """Expire open jobs past their valid-through date (every few minutes); returns how many."""
    expired = expire_due_jobs()
    if expired:
        logger.info("expire_jobs: %d job(s) expired", len(expired))
    return len(expired)


@shared_task(name="jobs.tasks.send_job_alerts")
def send_job_alerts() -> int:
    """Write today's job-alert digests for seekers with new matches (every 15 minutes in the
    day; at most one per seeker per day); returns how many."""
    return job_alerts_send()


@shared_task(name="jobs.tasks.open_weekly_orders")
def open_weekly_orders() -> int:
    """Open this week's job of each running weekly order (daily; one job per order and day
    however often it runs); returns how many opened."""
    from jobs.services import recurring_open_due

    opened = recurring_open_due()
    if opened:
        logger.info("open_weekly_orders: %d job(s) opened", len(opened))
    return len(opened)
