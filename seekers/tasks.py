"""Scheduled work for seekers (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from seekers.services import period_reminders_send


@shared_task(name="seekers.tasks.remind_period_ending")
def remind_period_ending() -> int:
    """Text the seekers whose registration ends in 7 days (daily); returns how many."""
    return period_reminders_send()
