"""Kernel work on the schedule: the outbox, expired sessions and audit-log retention."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.management import call_command

from gigmarket import notify, retention

logger = logging.getLogger("gigmarket.tasks")


@shared_task(name="gigmarket.tasks.clear_sessions")
def clear_sessions() -> None:
    """Delete expired sessions (Django's ``clearsessions``), nightly."""
    call_command("clearsessions")


@shared_task(name="gigmarket.tasks.archive_audit_logs")
def archive_audit_logs() -> int:
    """Archive and delete access and change logs past the retention period; returns rows moved."""
    return sum(item.rows for item in retention.archive_audit_logs())


@shared_task(name="gigmarket.tasks.send_notifications")
def send_notifications(limit: int = 500) -> int:
    """Send the outbox's due messages once each (every minute); returns how many went."""
    sent = notify.deliver(limit=limit)
    if sent:
        logger.info("send_notifications: %d sent", sent)
    return sent


@shared_task(name="gigmarket.tasks.check_deliveries")
def check_deliveries() -> int:
    """Ask the SMS provider which sent texts reached the handset (every 10 minutes)."""
    return notify.check_deliveries()
