"""The 1st-of-the-month job: last month's figures computed and stored, never published."""

import datetime
import json

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.files.storage import default_storage

from reports import tasks
from reports.models import PublishedReport
from reports.selectors import Month

pytestmark = pytest.mark.django_db


def test_previous_month_is_stored_on_the_first_and_not_published(monkeypatch):
    [entry] = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "reports.tasks.store_previous_month"
    ]
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].day_of_month == {1}
    assert tasks.previous_month(datetime.date(2026, 1, 1)) == Month(datetime.date(2025, 12, 1))

    monkeypatch.setattr(tasks, "previous_month", lambda: Month(datetime.date(2026, 10, 1)))
    where = tasks.store_previous_month.delay().get()
    assert PublishedReport.objects.count() == 0
    if where.startswith("reports.services.store_month"):
        return  # the reports app's stored aggregates took it; their tests cover what is stored
    with default_storage.open(where, "rb") as handle:
        assert json.loads(handle.read())["month"] == "2026-10"
    assert tasks.store_previous_month.delay().get() == where  # a rerun replaces, never copies
