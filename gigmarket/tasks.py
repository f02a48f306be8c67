"""Kernel housekeeping on the schedule: expired sessions and audit-log retention."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command

from gigmarket import retention


@shared_task(name="gigmarket.tasks.clear_sessions")
def clear_sessions() -> None:
    """Delete expired sessions (Django's ``clearsessions``), nightly."""
    call_command("clearsessions")


@shared_task(name="gigmarket.tasks.archive_audit_logs")
def archive_audit_logs() -> int:
    """Archive and delete access and change logs past the retention period; returns rows moved."""
    return sum(item.rows for item in retention.archive_audit_logs())
