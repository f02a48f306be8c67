"""Scheduled work for partners: the hourly sweep of consent-slip files left without a referral."""

from __future__ import annotations

from celery import shared_task

from partners.orphans import sweep_orphans


@shared_task(name="partners.tasks.sweep_consent_orphans")
def sweep_consent_orphans() -> int:
    """Remove consent files no referral points to, older than an hour; returns how many."""
    return len(sweep_orphans())
