"""Rights on a 360-px phone: a worker who was not paid files a complaint, gets a tracking number,
double-taps without creating a second case, looks the case up, reads the one-time notice, and
rates the outcome once staff have closed it."""

from decimal import Decimal

import pytest

from rights import services
from rights.models import Complaint
from tests.browser.conftest import assert_no_serious_axe_violations, page_is_usable_on_phone
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_worker_files_unpaid_wages_and_follows_the_case(page, server, browser):
    station = StationFactory(code="chengguan", name="城关社区零工驿站")
    staff = StationAssignmentFactory(station=station, user__username="window").user

    page.goto(server + "/rights/")
    assert page.locator("h1").inner_text() == "我要投诉"
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    page.get_by_label("拖欠工资").check()
    page.fill("input[name=respondent_text]", "城东小区装修队 李老板")
    page.fill(
        "textarea[name=description]",
        "在城东小区做了20天装修小工，说好每天200元，完工后一直不给工钱。",
    )
    page.fill("input[name=amount_owed]", "3200")
    page.fill("input[name=people_affected]", "4")
    page.set_input_files(
        "input[name=evidence]",
        files=[{"name": "工资条.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page.fill("input[name=name]", "王德明")
    page.fill("input[name=mobile]", "139 0000 0101")
    page.select_option("select[name=station]", label="城关社区零工驿站")
    page.locator("form.complaint-form button[type=submit]").dblclick()

    page.wait_for_url("**/rights/filed/")
    number = page.locator("#tracking-number").inner_text().strip()
    assert number.startswith("TS")
    page_is_usable_on_phone(page)
    assert Complaint.objects.count() == 1, "a double tap must not file twice"
    complaint = Complaint.objects.get()
    assert complaint.number == number and complaint.evidence.count() == 1

    # Later, on another visit (a fresh browser session): tracking number + mobile open the case.
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    later = context.new_page()
    later.goto(server + "/rights/track/" + number + "/")
    later.wait_for_url("**/rights/track/")
    later.fill("input[name=number]", number.lower())
    later.fill("input[name=mobile]", "13900000101")
    later.click("form.form button[type=submit]")
    later.wait_for_url(f"**/rights/track/{number}/")
    assert "13900000101" not in later.url
    assert later.locator("#complaint-status").inner_text() == "已登记"
    page_is_usable_on_phone(later)
    assert_no_serious_axe_violations(later)

    # Staff ask for everything missing in one notice: the worker sees the full list.
    services.complaint_request_material(
        complaint=complaint, by=staff, items=["wage_slips", "work_proof"]
    )
    later.reload()
    notice = later.locator("#missing-material")
    assert "工资条或工资支付记录" in notice.inner_text() and notice.locator("li").count() == 2

    # Staff accept, mediate, recover 3,200 yuan for 4 people and close: the worker rates it.
    services.complaint_accept(complaint=complaint, by=staff)
    services.complaint_mediate(complaint=complaint, by=staff)
    services.complaint_resolve(
        complaint=complaint,
        by=staff,
        outcome="经调解，老板结清工资。",
        recovered_amount=Decimal("3200"),
        recovered_people=4,
    )
    services.complaint_close(complaint=complaint, by=staff)
    later.reload()
    assert "3,200.00" in later.locator("#outcome").inner_text()
    later.get_by_label("5 · 非常满意").check()
    later.fill("textarea[name=comment]", "办得很快，谢谢！")
    later.click("#rating button[type=submit]")
    later.wait_for_url(f"**/rights/track/{number}/")
    assert "5 分" in later.locator("#rating").inner_text()
    page_is_usable_on_phone(later)
    context.close()


def test_staff_accept_and_send_a_one_time_notice_on_a_phone(page, server):
    from tests.browser.conftest import log_in
    from tests.gigmarket.factories import PASSWORD
    from tests.rights.factories import ComplaintFactory

    station = StationFactory(code="heping", name="和平社区零工驿站")
    StationAssignmentFactory(station=station, user__username="window")
    complaint = ComplaintFactory(station=station)
    log_in(page, server, "window", PASSWORD)
    page.wait_for_url("**/workbench/")
    assert "新投诉 1 件尚无人接手" in page.locator("#panel-rights-cases").inner_text()
    page.goto(server + complaint.get_absolute_url())
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_label("工资条或工资支付记录").check()
    page.get_by_label("身份证复印件").check()
    page.get_by_role("button", name="发出告知").click()
    page.wait_for_url("**" + complaint.get_absolute_url())
    assert "一次性告知" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="受理").first.click()
    page.wait_for_url("**" + complaint.get_absolute_url())
    assert page.locator("#complaint-status").inner_text() == "已受理"
    assert page.locator("#case-owner").inner_text() != "尚无人接手"
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)


def test_a_worker_who_does_not_know_the_amount_is_told_what_is_needed_and_where_it_went(
    page, server
):
    """#12: choosing "unpaid wages" marks the amount and the number of people as required; the
    server names everything missing at once; "不清楚" is an amount; a station with nobody on duty
    passes the complaint to its market, and the worker is told so."""
    from tests.gigmarket.factories import RegionFactory
    from tests.stations.factories import MarketFactory

    county = RegionFactory(code="520999")
    StationFactory(code="cun", name="石桥村零工驿站", region=RegionFactory(code="520999101"))
    market = MarketFactory(code="xian", name="示范县零工市场", region=county)
    StationAssignmentFactory(station=market)

    page.goto(server + "/rights/")
    amount_label = page.locator("label[for=id_amount_owed]")
    assert "*" not in amount_label.inner_text()
    page.get_by_label("拖欠工资").check()
    assert "*" in amount_label.inner_text()
    assert "*" in page.locator("label[for=id_people_affected]").inner_text()

    page.fill("input[name=respondent_text]", "村口养殖场")
    page.fill("textarea[name=description]", "帮养殖场干了一个月，工钱一直没给。")
    page.fill("input[name=name]", "石大姐")
    page.fill("input[name=mobile]", "13900000177")
    page.select_option("select[name=station]", label="石桥村零工驿站")
    page.locator("form.complaint-form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator(".form-errors").inner_text()
    assert "被拖欠金额" in summary and "被欠薪人数" in summary
    page_is_usable_on_phone(page)

    page.fill("input[name=amount_owed]", "不清楚")
    page.fill("input[name=people_affected]", "1")
    page.locator("form.complaint-form button[type=submit]").click()
    page.wait_for_url("**/rights/filed/")
    rerouted = page.locator("#rerouted").inner_text()
    assert "石桥村零工驿站" in rerouted and "示范县零工市场" in rerouted
    complaint = Complaint.objects.get()
    assert complaint.station == market and complaint.amount_unknown
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
