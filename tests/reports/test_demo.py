"""The reports demo step: publishes last month once, and only when there is something to count."""

import datetime

import pytest

from reports.demo_steps import seed_reports
from reports.models import PublishedReport
from reports.selectors import last_complete_month
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


def test_nothing_to_count_publishes_nothing():
    f.county()
    seed_reports(lambda message: None)
    assert not PublishedReport.objects.exists()


def test_publishes_last_month_once():
    town = f.township(f.county())
    month = last_complete_month()
    opened = datetime.datetime.combine(month.first, datetime.time(9)).isoformat(sep=" ")
    f.job(region=town, opened=opened, headcount=2)
    seed_reports(lambda message: None)
    seed_reports(lambda message: None)
    report = PublishedReport.objects.get()
    assert report.month == month.first and report.region.code == "520999"
