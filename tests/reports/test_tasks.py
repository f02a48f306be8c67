"""The 1st-of-the-month job: last month's counts computed and stored, never published."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings

from reports import services, tasks
from reports.models import PublishedReport, StoredMonth
from reports.selectors import Month
from tests.gigmarket.factories import RegionFactory

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

    october = Month(datetime.date(2026, 10, 1))
    county = RegionFactory(code="520999")
    services.store_month(month=october.previous, region=county)  # a region already kept
    monkeypatch.setattr(tasks, "previous_month", lambda: october)

    assert tasks.store_previous_month.delay().get() == 2
    stored = StoredMonth.objects.filter(month=october.first)
    assert {row.region_id for row in stored} == {None, county.pk}
    assert PublishedReport.objects.count() == 0
    assert tasks.store_previous_month.delay().get() == 2  # a rerun replaces, never adds
    assert StoredMonth.objects.filter(month=october.first).count() == 2
