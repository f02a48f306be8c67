"""Scheduled work for subsidies: the hourly sweep of claim document files left without a row."""

from __future__ import annotations

from celery import shared_task

from subsidies.orphans import sweep_orphans


@shared_task(name="subsidies.tasks.sweep_document_orphans")
def sweep_document_orphans() -> int:
    """Remove claim document files no row points to, older than an hour; returns how many."""
    return len(sweep_orphans())
