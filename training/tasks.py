"""Scheduled work for training (see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from training.services import class_reminders_send


@shared_task(name="training.tasks.remind_class_tomorrow")
def remind_class_tomorrow() -> int:
    """Text the people expected at tomorrow's sessions (daily, in the afternoon)."""
    return class_reminders_send()
