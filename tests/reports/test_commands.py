"""monthly_report and publish_report from the shell."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from reports.models import PublishedReport
from reports.selectors import Month
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    town = f.township(f.county())
    f.job(region=town, opened="2026-03-02 09:00", headcount=3, occupation_code="4-09")
    f.period(f.seeker(), start="2026-03-05", occupation_code="4-09")
    f.period(f.seeker(), start="2026-03-06", occupation_code="4-09")
    return town


def test_json_to_stdout(town):
    out = io.StringIO()
    call_command("monthly_report", "--month", "2026-03", stdout=out)
    report = json.loads(out.getvalue())
    assert report["month"] == "2026-03"
    assert report["totals"]["active_ratio"] == 1.5
    assert report["by_occupation"][0]["name"] == "装卸搬运工"


def test_region_option(town):
    out = io.StringIO()
    call_command("monthly_report", "--month", "2026-03", "--region", "520999", stdout=out)
    assert json.loads(out.getvalue())["region"] == "520999"
    with pytest.raises(CommandError):
        call_command("monthly_report", "--month", "2026-03", "--region", "999999")
    with pytest.raises(CommandError):
        call_command("monthly_report", "--month", "March")


def test_csv_has_a_bom_and_chinese_headers(town, tmp_path):
    path = tmp_path / "r.csv"
    call_command("monthly_report", "--month", "2026-03", "--format", "csv", "--output", str(path))
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["【总计】"]
    assert "求人倍率" in "".join(rows[1])
    assert rows[2][-1] == "1.5"


def test_xlsx_sheets_chinese_headers_numbers_as_numbers(town, tmp_path):
    path = tmp_path / "r.xlsx"
    call_command("monthly_report", "--month", "2026-03", "--format", "xlsx", "--output", str(path))
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["总计", "按职业", "按职业大类"]
    sheet = book["按职业"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "代码" and "有效求人倍率" in "".join(header)
    first = [c.value for c in sheet[2]]
    assert first[1] == "装卸搬运工"
    assert first[5] == 3 and isinstance(first[5], int)  # active openings, a number
    assert first[7] == 1.5 and isinstance(first[7], float)  # ratio, a number
    assert sheet.freeze_panes == "A2"
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=")
        for row in sheet.iter_rows()
        for c in row
    )


def test_publish_and_revise_from_the_shell(town):
    out = io.StringIO()
    call_command("publish_report", "--month", "2026-03", stdout=out)
    assert "revision 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("publish_report", "--month", "2026-03")
    f.period(f.seeker(), start="2026-03-07", occupation_code="4-09")
    call_command("publish_report", "--month", "2026-03", "--revise", "--reason", "补录", stdout=out)
    assert [r.revision for r in PublishedReport.objects.order_by("revision")] == [1, 2]


def test_publish_report_refuses_a_month_that_has_not_ended(town):
    future = str(Month.of(timezone.localdate()).next)
    with pytest.raises(CommandError, match="还没有结束"):
        call_command("publish_report", "--month", future)
    assert not PublishedReport.objects.exists()
