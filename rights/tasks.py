"""Scheduled work for rights: the hourly sweep of evidence files left without a row."""

from __future__ import annotations

from celery import shared_task

from rights.orphans import sweep_orphans


@shared_task(name="rights.tasks.sweep_evidence_orphans")
def sweep_evidence_orphans() -> int:
    """Remove evidence files no row points to, older than an hour; returns how many."""
    return len(sweep_orphans())
