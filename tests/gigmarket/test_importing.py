"""Every import handles each row on its own: a bad row (even one the database refuses) is reported
with its line number and the other rows go in."""

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from gigmarket.models import Region
from gigmarket.tabular import ImportReport, read_rows
from seekers.models import Seeker

pytestmark = pytest.mark.django_db

SEEKER_HEADER = "name,mobile,id_number,registered_on,primary_occupation,intended_industry,station_code,priority_groups,education,household,address\n"


def _seekers_csv(tmp_path, names):
    lines = [f"{name},139000{n:05d},,2026-03-15,4-01,,,,,,\n" for n, name in enumerate(names)]
    path = tmp_path / "seekers.csv"
    path.write_text(SEEKER_HEADER + "".join(lines), encoding="utf-8-sig")
    return path


def test_a_nul_byte_in_a_csv_cell_is_dropped_when_read(tmp_path):
    csv_path = tmp_path / "a.csv"
    csv_path.write_text("name,note\n王\x00五,ok\x1b\n", encoding="utf-8")
    assert list(read_rows(csv_path)) == [(2, {"name": "王五", "note": "ok"})]


def test_a_row_the_database_refuses_is_reported_and_the_other_99_go_in(
    tmp_path, capsys, monkeypatch
):
    """Issue #12: one seeker's name made ``import_seekers`` fail with a database error and import
    none of 99 good rows."""
    from seekers import services

    real = services.seeker_register

    def register(**kwargs):
        if kwargs["name"] == "坏行":
            raise IntegrityError(
                "duplicate key value violates unique constraint\nKey (mobile)=(13900000050) already exists."
            )
        return real(**kwargs)

    monkeypatch.setattr(services, "seeker_register", register)
    names = [f"人员{n}" for n in range(100)]
    names[50] = "坏行"
    call_command("import_seekers", str(_seekers_csv(tmp_path, names)))
    out = capsys.readouterr()
    assert "99 created" in out.out and "1 rejected" in out.out
    assert "line 52:" in out.err  # the header is line 1, the first row line 2
    assert "13900000050" not in out.err  # personal numbers masked in the report
    assert Seeker.objects.count() == 99


def test_a_nul_byte_reaching_the_database_ends_only_its_row(needs_postgresql):
    """PostgreSQL refuses NUL in text: the service reports the row and imports the rest."""
    from seekers.services import seeker_import

    rows = [
        (
            2,
            {
                "name": "王五",
                "mobile": "13900000001",
                "registered_on": "2026-03-15",
                "primary_occupation": "4-01",
            },
        ),
        (
            3,
            {
                "name": "李\x00四",
                "mobile": "13900000002",
                "registered_on": "2026-03-15",
                "primary_occupation": "4-01",
            },
        ),
        (
            4,
            {
                "name": "赵六",
                "mobile": "13900000003",
                "registered_on": "2026-03-15",
                "primary_occupation": "4-01",
            },
        ),
    ]
    report = seeker_import(rows=rows)
    assert report.created == 2 and [line for line, _m in report.errors] == [3]
    assert set(Seeker.objects.values_list("name", flat=True)) == {"王五", "赵六"}


def test_the_row_guard_rolls_back_only_the_bad_row():
    report = ImportReport()
    for line, code in ((2, "520998"), (3, "520997"), (4, "520996")):
        with report.row(line):
            Region.objects.create(code=code, name=f"县{code}", level="county")
            if line == 3:
                raise IntegrityError("boom")
            report.created += 1
    assert report.created == 2 and report.errors[0][0] == 3
    assert set(Region.objects.filter(code__startswith="5209").values_list("code", flat=True)) >= {
        "520998",
        "520996",
    }
    assert not Region.objects.filter(code="520997").exists()


def test_the_row_guard_lets_a_programming_error_through():
    with pytest.raises(TypeError), transaction.atomic():
        with ImportReport().row(2):
            raise TypeError("a bug is not a bad row")


def test_a_database_error_in_one_station_row_ends_only_that_row(tmp_path, capsys, monkeypatch):
    from stations import services
    from stations.models import Station

    real = services.station_register

    def register(**kwargs):
        if kwargs["code"] == "bad":
            raise IntegrityError("value too long")
        return real(**kwargs)

    monkeypatch.setattr(services, "station_register", register)
    path = tmp_path / "stations.csv"
    path.write_text(
        "code,name,kind,operating_mode,region_code,address\n"
        "good1,示范县城关家政零工驿站,station,bureau,520999,城关镇1号\n"
        "bad,示范县城关保洁零工驿站,station,bureau,520999,城关镇2号\n"
        "good2,示范县城关搬运零工驿站,station,bureau,520999,城关镇3号\n",
        encoding="utf-8",
    )
    Region.objects.get_or_create(code="520999", defaults={"name": "示范县", "level": "county"})
    with pytest.raises(CommandError, match="1 rows rejected"):
        call_command("import_stations", str(path))
    out = capsys.readouterr()
    assert "line 3:" in out.err
    assert set(Station.objects.values_list("code", flat=True)) >= {"good1", "good2"}


def test_a_database_error_in_one_placement_row_ends_only_that_row(monkeypatch):
    from jobs.services import matching

    def import_row(row, by):
        if row["n"] == "2":
            raise IntegrityError("one placement per job and seeker")
        return "created"

    monkeypatch.setattr(matching, "_import_row", import_row)
    report = matching.placement_import(rows=[(2, {"n": "1"}), (3, {"n": "2"}), (4, {"n": "3"})])
    assert report.created == 2 and [line for line, _m in report.errors] == [3]


def test_a_database_error_in_one_job_row_ends_only_that_row(monkeypatch):
    from jobs.services import postings

    def fields(row):
        raise IntegrityError("external_ref taken meanwhile")

    monkeypatch.setattr(postings, "_import_job_fields", fields)
    report = postings.job_import(rows=[(2, {"external_ref": "A1"}), (3, {"external_ref": "A2"})])
    assert [line for line, _m in report.errors] == [2, 3]
