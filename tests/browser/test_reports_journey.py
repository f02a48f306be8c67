"""Reports: a county admin computes last month's figures, downloads the spreadsheet, publishes;
anyone reads the bulletin on a 360-px phone; a data correction becomes a visible revision."""

import datetime

import pytest
from openpyxl import load_workbook

from reports.selectors import last_complete_month
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, AdminFactory
from tests.reports import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _on(day: int, hour: int = 9) -> str:
    month = last_complete_month()
    return datetime.datetime.combine(month.first.replace(day=day), datetime.time(hour)).isoformat(
        sep=" "
    )


def _last_month_data():
    county = f.county()
    town = f.township(county)
    f.job(region=town, opened=_on(2), headcount=4, occupation_code="4-09", pay_min="200")
    f.job(region=town, opened=_on(3), headcount=2, occupation_code="6-07", pay_min="300")
    for day in (4, 5):
        f.period(f.seeker(home_region=town), start=_on(day)[:10], occupation_code="4-09")
    for day in (6, 7, 8):
        f.period(f.seeker(home_region=town), start=_on(day)[:10], occupation_code="4-01")
    return county, town


def test_admin_publishes_and_the_public_reads_it_on_a_phone(page, server, tmp_path, browser):
    county, town = _last_month_data()
    AdminFactory(username="county", region=county)
    month = str(last_complete_month())

    log_in(page, server, "county", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.get_by_role("link", name="打开月度报表").click()
    assert page.locator("h1").inner_text() == "月度报表"
    assert month in page.locator(".lead").inner_text()
    page_is_usable_on_phone(page)
    # The trend chart loads as an image, and its numbers are in the table beside it.
    chart = page.locator("img.report-chart")
    chart.scroll_into_view_if_needed()
    page.wait_for_load_state("load")
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0
    assert page.locator("#trend-table tbody tr").count() == 12
    assert "1.20" in page.locator("#trend-table tbody tr").last.inner_text()  # 6 / 5

    with page.expect_download() as download:
        page.get_by_role("link", name="下载 XLSX").click()
    path = tmp_path / "report.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path)["按职业"]
    assert sheet["A1"].value == "代码" and sheet["H1"].value == "有效求人倍率"
    assert isinstance(sheet["F2"].value, int)

    page.get_by_role("button", name="发布").click()
    page.wait_for_load_state("load")  # the chart image too, before the test's database goes
    assert "已发布" in page.locator(".messages").inner_text()

    # The public bulletin on a phone (a fresh visitor, not logged in).
    visitor = browser.new_page(viewport={"width": 360, "height": 740})
    visitor.goto(server + "/reports/")
    assert visitor.locator("#headline-ratio").inner_text() == "1.20"
    assert "焊工" in visitor.locator("#demand-title + ol").inner_text()  # 2 openings, nobody
    assert "保洁员" in visitor.locator("#supply-title + ol").inner_text()  # 0 openings, 3 people
    # The ratio by industry and by occupation, as the national notice asks, fit the phone.
    industries = visitor.locator("[aria-labelledby=industry-title] table")
    assert "未指定" in industries.inner_text()
    occupations = visitor.locator("[aria-labelledby=occupation-title] table")
    occupations.scroll_into_view_if_needed()
    assert "装卸搬运工" in occupations.inner_text() and "焊工" in occupations.inner_text()
    for table in (industries, occupations):
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    page_is_usable_on_phone(visitor)
    assert_no_serious_axe_violations(visitor)
    visitor.get_by_role("button", name="长者模式").click()
    visitor.wait_for_load_state()
    page_is_usable_on_phone(visitor)
    for table in (industries, occupations):  # bigger type: still no sideways scrolling
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")

    # A late registration is entered: the published figure does not move; a revision does.
    f.period(f.seeker(home_region=town), start=_on(20)[:10], occupation_code="4-09")
    visitor.reload()
    assert visitor.locator("#headline-ratio").inner_text() == "1.20"
    page.check("input[name=revise]")
    page.fill("textarea[name=reason]", "补录一名求职登记")
    page.get_by_role("button", name="发布").click()
    page.wait_for_load_state("load")  # the chart image too, before the test's database goes
    assert "第 2 版" in page.locator(".messages").inner_text()
    visitor.reload()
    assert visitor.locator("#headline-ratio").inner_text() == "1.00"  # 6 / 6
    revisions = visitor.locator(".bulletin-revisions").inner_text()
    assert "第 1 版" in revisions and "补录一名求职登记" in revisions
    visitor.get_by_role("link", name="第 1 版").click()
    assert visitor.locator("#headline-ratio").inner_text() == "1.20"
    page_is_usable_on_phone(visitor)
    visitor.close()
