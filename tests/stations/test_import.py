"""manage.py import_stations: row errors with line numbers, idempotent by code, --dry-run."""

import csv
import datetime

import pytest
from django.core.management import CommandError, call_command

from gigmarket.tabular import xlsx_bytes
from stations.models import Station
from tests.gigmarket.factories import RegionFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "name",
    "kind",
    "region_code",
    "address",
    "focus",
    "operating_mode",
    "operator_name",
    "latitude",
    "longitude",
    "datum",
    "floor_area",
    "service_phone",
    "complaint_phone",
    "facilities",
    "services",
    "hours",
    "active",
]
GOOD = [
    "hk-jz",
    "河口镇建筑零工驿站",
    "零工驿站",
    "520999100",
    "河口镇汽车站对面",
    "建筑",
    "委托运营",
    "某人力资源公司",
    "26.5402",
    "106.7608",
    "gcj02",
    "12",
    "0851-86003456",
    "12333",
    "饮水、急救药箱;tool_lending",
    "seeker_registration;即时快招",
    "1-5 08:30-12:00 14:00-17:30; 6 09:00-12:00",
    "是",
]


@pytest.fixture(autouse=True)
def regions():
    county = RegionFactory(code="520999", name="示范县")
    RegionFactory(code="520999100", name="河口镇", parent=county)


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_import_creates_then_is_idempotent(tmp_path, capsys):
    path = write_csv(tmp_path / "stations.csv", [GOOD])
    call_command("import_stations", str(path))
    station = Station.objects.get(code="hk-jz")
    assert station.kind == "station" and station.operating_mode == "contracted"
    assert station.facilities == ["drinking_water", "first_aid", "tool_lending"]
    assert station.services == ["seeker_registration", "instant_hire"]
    assert station.opening_hours.count() == 11
    assert station.is_open_at(
        datetime.datetime(2026, 11, 16, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    )
    call_command("import_stations", str(path))
    assert "0 created, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert Station.objects.count() == 1 and station.opening_hours.count() == 11


def test_a_changed_row_updates_by_code(tmp_path, capsys):
    call_command("import_stations", str(write_csv(tmp_path / "a.csv", [GOOD])))
    changed = list(GOOD)
    changed[11] = "15"
    changed[16] = "1-7 07:00-11:00"
    call_command("import_stations", str(write_csv(tmp_path / "b.csv", [changed])))
    assert "0 created, 1 updated" in capsys.readouterr().out
    station = Station.objects.get(code="hk-jz")
    assert station.floor_area == 15 and station.opening_hours.count() == 7


def test_bad_rows_are_reported_with_line_numbers_and_change_nothing(tmp_path, capsys):
    bad_region = list(GOOD)
    bad_region[0], bad_region[3] = "x1", "999999"
    bad_name = list(GOOD)
    bad_name[0], bad_name[1] = "x2", "幸福驿站"
    bad_hours = list(GOOD)
    bad_hours[0], bad_hours[16] = "x3", "weekdays 9-5"
    path = write_csv(tmp_path / "bad.csv", [GOOD, bad_region, bad_name, bad_hours])
    with pytest.raises(CommandError):
        call_command("import_stations", str(path))
    err = capsys.readouterr().err
    assert "line 3:" in err and "999999" in err
    assert "line 4:" in err and "line 5:" in err
    assert list(Station.objects.values_list("code", flat=True)) == ["hk-jz"]


def test_dry_run_changes_nothing(tmp_path, capsys):
    call_command("import_stations", str(write_csv(tmp_path / "a.csv", [GOOD])), "--dry-run")
    assert "dry run: 1 created" in capsys.readouterr().out
    assert not Station.objects.exists()


def test_xlsx_is_read_too(tmp_path):
    path = tmp_path / "stations.xlsx"
    path.write_bytes(xlsx_bytes([("stations", HEADER, [GOOD])]))
    call_command("import_stations", str(path))
    assert Station.objects.get(code="hk-jz").name == "河口镇建筑零工驿站"


def test_an_import_that_retires_or_reopens_a_site_logs_the_change(tmp_path):
    """Every change in a station's standing leaves a row saying who, when, from, to, why."""
    from stations.models import StationLog

    call_command("import_stations", str(write_csv(tmp_path / "a.csv", [GOOD])))
    station = Station.objects.get(code="hk-jz")
    call_command("import_stations", str(write_csv(tmp_path / "b.csv", [[*GOOD[:-1], "否"]])))
    station.refresh_from_db()
    assert not station.active
    call_command("import_stations", str(write_csv(tmp_path / "c.csv", [GOOD])))
    steps = list(StationLog.objects.filter(station=station).values_list("from_state", "to_state"))
    assert steps == [("", "active"), ("active", "retired"), ("retired", "active")]
