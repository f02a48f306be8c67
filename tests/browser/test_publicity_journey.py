"""Publicity journeys (issue 15): a county admin publishes a subsidy explainer; a person on a phone
finds it on the home page and the station page, the big screen shows it; the window logs a
consultation about it in two taps; the station's wall notice prints on one A4 page and its rights
QR opens the complaint form for that station. Phone width, elder mode, axe, and no JavaScript."""

import re

from tests.browser.conftest import (
    BROWSER,
    assert_no_serious_axe_violations,
    log_in,
    page_is_usable_on_phone,
)
from tests.gigmarket.factories import PASSWORD, AdminFactory, RegionFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = BROWSER

TITLE = "灵活就业人员社会保险补贴怎么领"
SUMMARY = "打零工的大龄人员自己交了社保，可以到驿站申请补回一部分。"


def _pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium printed (each page object is ``/Type /Page``, the tree ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_a_subsidy_explainer_reaches_the_phone_the_station_and_the_screen_and_is_asked_about(
    page, server, browser, browser_context_args
):
    RegionFactory(code="520999", name="示范县")
    station = StationFactory(code="chengguan", name="城关零工驿站")
    StationAssignmentFactory(station=station, user__username="window")
    AdminFactory(username="county")

    # The county admin writes the explainer and publishes it.
    log_in(page, server, "county", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.goto(server + "/policies/manage/new/")
    page.get_by_label("类别").select_option("subsidy")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("一句话说明").fill(SUMMARY)
    page.get_by_label("正文").fill(
        "## 谁能领\n\n- 就业困难人员\n- 大龄人员\n\n带身份证到驿站窗口。"
    )
    page.get_by_label("适用范围").select_option(label="示范县")
    page.get_by_label("适用于大龄劳动者").check()
    page.get_by_role("button", name="存为草稿").click()
    page.wait_for_url("**/policies/manage/*/")
    page.get_by_role("button", name="发布", exact=True).click()
    page.wait_for_url("**/policies/manage/*/")
    assert "已发布" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="退出").click()

    # A person on a phone: the home page, "what can I get", the article, the station page.
    page.goto(server + "/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/policies/*/")
    main = page.locator("main").inner_text()
    assert main.index(SUMMARY) < main.index("谁能领"), "the plain summary comes first"
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    page.goto(server + "/policies/")
    page.get_by_role("link", name=re.compile("大龄劳动者")).click()
    assert page.get_by_role("link", name=TITLE).is_visible()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.goto(server + station.get_absolute_url())
    assert page.locator("#station-articles").get_by_role("link", name=TITLE).is_visible()

    # The big screen rotates it among the jobs.
    page.goto(server + f"/jobs/screen/{station.code}/")
    assert page.locator(".screen__card--article h2", has_text=TITLE).count() == 1
    assert page.locator(".screen__footer [data-rights-qr]").is_visible()

    # The window: the workbench (tap one), the article asked about (tap two).
    log_in(page, server, "window", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.locator("#panel-publicity-consult").get_by_role("button", name=re.compile(TITLE)).click()
    page.wait_for_url("**/workbench/")
    assert TITLE in page.locator(".messages").inner_text()
    page.goto(server + f"/stations/{station.code}/ledger/")
    assert TITLE in page.locator("main").inner_text()


def test_the_wall_notice_prints_on_one_a4_page_and_its_rights_qr_opens_the_complaint_form(
    browser, browser_context_args, server
):
    station = StationFactory(
        code="heping",
        name="和平社区家政零工驿站",
        services=[
            "seeker_registration",
            "job_posting",
            "instant_hire",
            "policy_consultation",
            "rights_protection",
        ],
        complaint_phone="0851-86001235",
    )
    StationFactory(code="other", name="另一个零工驿站")
    # Without JavaScript: the public pages work all the same.
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/policies/wall/heping/")
    text = page.locator("main").inner_text()
    for words in ("和平社区家政零工驿站", "本站所有服务一律免费", "0851-86001235", "维权码"):
        assert words in text
    page_is_usable_on_phone(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert _pdf_pages(pdf) == 1, "the wall notice fits one A4 sheet"
    page.emulate_media(media="screen")
    page.get_by_role("link", name="打开投诉表").click()
    page.wait_for_url("**/rights/?station=heping")
    assert page.get_by_label("由哪个驿站办理").evaluate("el => el.selectedOptions[0].text") == (
        station.name
    )
    page.goto(server + "/policies/wall/heping/rights-card/")
    page_is_usable_on_phone(page)
    page.emulate_media(media="print")
    assert _pdf_pages(page.pdf(format="A4")) == 1
    page.emulate_media(media="screen")
    page.goto(server + "/policies/")
    page_is_usable_on_phone(page)
    context.close()


def test_the_wall_notice_is_accessible_and_fits_a_phone_in_elder_mode(page, server):
    StationFactory(code="heping", name="和平社区家政零工驿站", services=["instant_hire"])
    page.goto(server + "/policies/wall/heping/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
