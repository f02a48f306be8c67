"""Jobs journeys on a 360-px phone: a seeker finds a job and can call the station; an employer
is told what is wrong with a posting; a reviewer publishes a pending job."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from gigmarket.models import Occupation
from jobs.models import Job
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, RegionFactory, ReviewerFactory
from tests.jobs.factories import OpenJobFactory, PendingJobFactory
from tests.stations.factories import StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_jobs():
    town = RegionFactory(code="520999100", name="河口镇")
    station = StationFactory(
        code="hekou", name="河口镇零工驿站", region=town, service_phone="0851-88886666"
    )
    cleaning = Occupation.objects.get(code="4-01")
    OpenJobFactory(
        title="酒店客房保洁",
        occupation=cleaning,
        region=town,
        station=station,
        pay_min=Decimal("220"),
        contact_phone="13712345678",
    )
    OpenJobFactory(title="仓库搬运", region=town, station=station, pay_min=Decimal("260"))
    OpenJobFactory(
        title="低薪保洁", occupation=cleaning, region=town, station=station, pay_min=Decimal("150")
    )
    return station


def test_a_seeker_filters_the_list_opens_a_job_and_can_call_the_station(page, server):
    _open_jobs()
    page.goto(server + "/jobs/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="保洁员").click()
    page.wait_for_load_state()
    assert page.get_by_text("酒店客房保洁").is_visible()
    assert page.get_by_text("仓库搬运").count() == 0

    details = page.locator("details.job-filter")
    if details.get_attribute("open") is None:  # a filtered list opens its filters
        details.locator("summary").click()
    page.fill("input[name=min_pay]", "200")
    page.get_by_role("button", name="查看岗位").click()
    page.wait_for_load_state()
    assert "min_pay=200" in page.url and "occupation=4-01" in page.url
    assert page.get_by_text("低薪保洁").count() == 0
    page.get_by_role("link", name="酒店客房保洁").click()
    page.wait_for_load_state()

    call = page.locator("a.call-button")
    assert call.get_attribute("href") == "tel:0851-88886666"
    assert "13712345678" not in page.content()
    box = call.bounding_box()
    assert box["height"] >= 44
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)


def test_the_station_big_screen_rotates_open_jobs(page, server):
    _open_jobs()
    page.goto(server + "/jobs/screen/hekou/")
    visible = page.locator("[data-slide]:visible")
    assert visible.count() == 1
    assert page.locator("#screen-pos").inner_text().endswith("/ 3")


def test_a_reviewer_approves_a_pending_job_and_it_goes_public(page, server):
    job = PendingJobFactory(title="家庭保洁（待审）", station=StationFactory(code="hekou"))
    ReviewerFactory(username="shenhe")
    log_in(page, server, "shenhe", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.locator("#panel-jobs-review").get_by_role("link").click()
    page.wait_for_load_state()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="家庭保洁（待审）").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="审核通过并发布").click()
    page.wait_for_load_state()
    assert "已发布" in page.content()
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN
    page.goto(server + "/jobs/")
    assert page.get_by_text("家庭保洁（待审）").is_visible()


def test_an_employer_registers_on_a_phone_and_is_told_exactly_what_is_wrong(page, server, settings):
    from gigmarket import notify

    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    notify.outbox.clear()
    town = RegionFactory(code="520999299", name="城关街道")
    station = StationFactory(code="hekou", region=town)
    today = timezone.localdate()
    page.goto(server + "/jobs/employers/register/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.select_option("select[name=kind]", "household")
    page.fill("input[name=name]", "李家")
    page.fill("input[name=contact_name]", "李秀英")
    page.fill("input[name=mobile]", "137 0000 9999")
    page.fill("input[name=password]", "Li-Family-2026")
    page.fill("input[name=password2]", "Li-Family-2026")
    page.select_option("select[name=region]", label="城关街道")
    page.check("input[name=consent]")
    page.get_by_role("button", name="注册").click()
    # The mobile gets a code by text; the page does not say whether the number was known.
    page.wait_for_url("**/jobs/employers/register/code/")
    page_is_usable_on_phone(page)
    page.fill("input[name=code]", re.search(r"\b(\d{6})\b", notify.outbox[-1]["text"]).group(1))
    page.get_by_role("button", name="完成注册").click()
    page.wait_for_url("**/jobs/mine/")

    page.get_by_role("link", name="发布岗位").click()
    page.fill("input[name=title]", "家庭保洁")
    page.select_option("select[name=occupation]", label="保洁员")
    page.fill("textarea[name=content]", "打扫卫生。男性优先, 35岁以下, 押金200元")
    # The checker answers while typing, before anything is saved.
    page.wait_for_selector("#findings .finding")
    assert "押金" in page.locator("#findings").inner_text()
    page.select_option("select[name=region]", label="城关街道")
    page.fill("input[name=address]", "和平社区")
    page.fill("input[name=start_date]", today.isoformat())
    page.fill("input[name=pay_min]", "200")
    page.fill("input[name=valid_through]", (today + datetime.timedelta(days=5)).isoformat())
    page.select_option("select[name=station]", str(station.pk))
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    for phrase in ("男性优先", "35岁以下", "押金", "就业促进法", "劳动合同法"):
        assert phrase in text
    assert Job.objects.get(title="家庭保洁").status == Job.Status.DRAFT
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
