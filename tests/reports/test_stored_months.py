"""Stored monthly counts (StoredMonth): the report page's 12-month trend reads a month that has
ended from one stored row, shared by every worker; the month is counted again when an import
changes rows (an import can carry dates in months that have ended), and never while it runs."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import StoredMonth
from reports.selectors import Month, cells, trend
from reports.services import store_month, trend_figures
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

MARCH = Month.parse("2026-03")


@pytest.fixture
def town():
    town = f.township(f.county())
    f.job(region=town, opened="2026-03-02 09:00", headcount=3, occupation_code="4-09")
    f.period(f.seeker(home_region=town), start="2026-03-05", occupation_code="4-09")
    return town


def test_stored_counts_are_the_counts(town):
    stored = store_month(month=MARCH, region=town.parent)
    assert stored.cells == cells(MARCH, town.parent).as_json()
    again = store_month(month=MARCH, region=town.parent)  # replaces, never a second row
    assert again.pk == stored.pk and StoredMonth.objects.count() == 1


def test_a_running_month_is_never_stored(town):
    with pytest.raises(ValueError):
        store_month(month=Month.of(timezone.localdate()), region=None)
    assert not StoredMonth.objects.exists()


def test_the_trend_stores_each_ended_month_once_and_then_reads_it(town, django_assert_num_queries):
    first = trend_figures(month=MARCH, region=town.parent)
    assert first["sources"] == ["stored"] * 12
    assert first["overall"][-1] == 3  # 3 openings, 1 applicant
    assert StoredMonth.objects.count() == 12
    # Another worker, another process: the same rows, three queries for the whole series.
    with django_assert_num_queries(3):
        assert trend(month=MARCH, region=town.parent) == first


def test_an_ended_month_does_not_move_until_an_import_counts_it_again(town, tmp_path):
    trend_figures(month=MARCH, region=town.parent)
    # A late entry typed in by hand does not move a month that has ended and is stored ...
    f.period(f.seeker(home_region=town), start="2026-03-20", occupation_code="4-09")
    assert trend_figures(month=MARCH, region=town.parent)["overall"][-1] == 3
    # ... an import (which may carry March dates) counts the stored months again.
    path = tmp_path / "jobs.csv"
    path.write_text(
        "external_ref,employer_name,contact_name,contact_mobile,employer_region,title,occupation,"
        "content,region,address,start_date,headcount,pay_min,valid_through,status,opened_at\n"
        "J-1,鑫达劳务,陈经理,13700007777,520999001,搬运工,4-09,卸货,520999001,建设路,"
        "2026-03-10,5,180,2026-03-30,招聘中,2026-03-10\n",
        encoding="utf-8-sig",
    )
    call_command("import_jobs", str(path), "--dry-run")  # a dry run changes nothing
    assert trend_figures(month=MARCH, region=town.parent)["overall"][-1] == 3
    call_command("import_jobs", str(path))
    assert trend_figures(month=MARCH, region=town.parent)["overall"][-1] == 4  # 8 / 2


def test_store_month_command_stores_last_month_and_refuses_the_running_one(town):
    out = io.StringIO()
    call_command("store_month", "--month", "2026-03", "--region", "520999", stdout=out)
    assert "2026-03" in out.getvalue()
    assert StoredMonth.objects.get().region == town.parent
    with pytest.raises(CommandError):
        call_command("store_month", "--month", str(Month.of(timezone.localdate())))
