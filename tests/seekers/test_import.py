"""Importing the stations' spreadsheets: row errors by line, idempotent, historical dates kept."""

import datetime

import pytest
from django.core.management import call_command

from gigmarket.tabular import xlsx_bytes
from seekers.models import Seeker, SeekingPeriod
from tests.seekers.factories import VALID_IDS
from tests.stations.factories import StationFactory

pytestmark = pytest.mark.django_db

HEADER = "name,mobile,id_number,registered_on,primary_occupation,intended_industry,station_code,priority_groups,education,household,address\n"


def _csv(tmp_path, body: str):
    path = tmp_path / "seekers.csv"
    path.write_text(HEADER + body, encoding="utf-8-sig")
    return path


def test_import_creates_with_historical_dates_reports_bad_rows_and_is_idempotent(tmp_path, capsys):
    StationFactory(code="chengguan")
    path = _csv(
        tmp_path,
        (
            f"王秀英,13900001111,{VALID_IDS[0]},2026-03-15,4-01,O,chengguan,大龄、低收入,初中,农业户口,城关镇\n"
            "李建国,12345,,2026-03-16,4-01,,,,,,\n"
            "张桂兰,13900002222,,2026/04/01,家政服务员,,,,,,\n"
            "赵六,13900003333,,2026-04-01,不存在的工种,,,,,,\n"
        ),
    )
    call_command("import_seekers", str(path))
    out = capsys.readouterr()
    assert "2 created" in out.out and "2 rejected" in out.out
    assert "line 3" in out.err and "line 5" in out.err
    first = Seeker.objects.get(mobile="13900001111")
    assert (
        first.priority_groups == ["older", "low_income"] and first.home_station.code == "chengguan"
    )
    period = first.periods.get()
    assert period.start == datetime.date(2026, 3, 15) and period.end == datetime.date(2026, 5, 31)
    assert (
        SeekingPeriod.objects.overlapping(
            datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)
        ).count()
        == 2
    )
    call_command("import_seekers", str(path))
    assert "0 created" in capsys.readouterr().out
    assert Seeker.objects.count() == 2 and SeekingPeriod.objects.count() == 2


def test_a_later_registration_date_is_a_renewal(tmp_path):
    call_command(
        "import_seekers", str(_csv(tmp_path, "王秀英,13900001111,,2026-03-15,4-01,,,,,,\n"))
    )
    call_command(
        "import_seekers", str(_csv(tmp_path, "王秀英,13900001111,,2026-06-20,4-02,,,,,,\n"))
    )
    periods = list(Seeker.objects.get().periods.order_by("start"))
    assert [p.start for p in periods] == [datetime.date(2026, 3, 15), datetime.date(2026, 6, 20)]


def test_an_imported_renewal_is_in_the_station_ledger_on_its_own_day_not_today(tmp_path):
    from django.utils import timezone

    from stations.models import ServiceRecord

    StationFactory(code="hk")
    call_command(
        "import_seekers", str(_csv(tmp_path, "王秀英,13900001111,,2026-03-15,4-01,,hk,,,,\n"))
    )
    call_command(
        "import_seekers", str(_csv(tmp_path, "王秀英,13900001111,,2026-06-20,4-02,,hk,,,,\n"))
    )
    record = ServiceRecord.objects.get(kind=ServiceRecord.Kind.REGISTRATION)
    assert timezone.localdate(record.at) == datetime.date(2026, 6, 20)


def test_dry_run_changes_nothing_and_xlsx_works(tmp_path):
    path = tmp_path / "seekers.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                (
                    "s",
                    HEADER.strip().split(","),
                    [["王秀英", "13900001111", "", "2026-03-15", "4-01", "", "", "", "", "", ""]],
                )
            ]
        )
    )
    call_command("import_seekers", str(path), "--dry-run")
    assert not Seeker.objects.exists()
    call_command("import_seekers", str(path))
    assert Seeker.objects.count() == 1


def test_a_registration_date_in_the_future_is_a_row_error(tmp_path, capsys):
    """A period must not start after today: it would count in months that have not happened."""
    call_command(
        "import_seekers", str(_csv(tmp_path, "王秀英,13900001111,,2999-01-01,4-01,,,,,,\n"))
    )
    assert not Seeker.objects.exists()
    assert "line 2:" in capsys.readouterr().err
