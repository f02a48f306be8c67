"""Recruitment events, end to end on a 360-px phone: staff plan a fair for next Saturday with three
employers and their jobs; a seeker finds it, registers in one tap and is checked in at the door by
the slip's QR; two placements come from it; the county's gap list shows a market that held no
event last month; the monthly report and the station's yearly workload count the fair."""

import datetime

import pytest
from django.utils import timezone

from events.demo_steps import next_saturday
from events.models import Event, EventPlacement, Registration
from jobs.services import matching
from reports.selectors import Month, service
from seekers.models import Seeker
from stations.services import workload_for
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, AdminFactory, SeekerUserFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import MarketFactory, StationAssignmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPLOYERS = ("示范县建工劳务", "城关家政服务部", "黔南物流装卸队")


def test_a_fair_from_planning_to_results(page, server, browser):
    market = MarketFactory(code="chengguan", name="城关零工市场", floor_area=200)
    staff = StationAssignmentFactory(station=market, user__username="desk").user
    for _ in range(2):
        StationAssignmentFactory(station=market)
    idle = MarketFactory(code="idle", name="河西零工市场", floor_area=200)
    for _ in range(3):
        StationAssignmentFactory(station=idle)
    jobs = []
    for name in EMPLOYERS:
        employer = EmployerFactory(name=name, region=market.region, station=market)
        jobs.append(OpenJobFactory(employer=employer, station=market, title=f"{name[-3:]}零工"))
    user = SeekerUserFactory(phone="13955550001")
    seeker = SeekerFactory(station=market, name="赵铁柱", mobile="13955550001")
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    walk_in = SeekerFactory(station=market, name="钱二妹", mobile="13955550002")

    # Staff plan the fair for next Saturday, with three employers and their jobs.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    office = desk.new_page()
    log_in(office, server, "desk", PASSWORD)
    office.goto(server + "/events/manage/new/")
    saturday = next_saturday(timezone.localdate())
    office.select_option("select[name=kind]", value="fair")
    office.fill("input[name=title]", "春风行动·零工专场招聘会")
    office.fill("input[name=starts_at]", f"{saturday:%Y-%m-%d}T09:00")
    office.fill("input[name=ends_at]", f"{saturday:%Y-%m-%d}T12:00")
    office.fill("input[name=address]", "城关镇人民广场")
    office.get_by_role("button", name="保存").click()
    office.wait_for_url("**/events/manage/*/")
    event = Event.objects.get()
    assert event.state == "planned" and timezone.localtime(event.starts_at).date() == saturday
    for job in jobs:
        office.get_by_label(f"{job.employer.name} · {job.title}").check()
    office.get_by_role("button", name="加入活动").click()
    office.wait_for_selector(".messages")
    assert "3 家用工主体参加" in office.locator(".messages").inner_text()
    office.get_by_role("button", name="开放报名").click()
    office.wait_for_selector(".messages")
    assert office.locator("#event-state").inner_text() == "开放报名"

    # A seeker finds it on the phone (also in elder mode) and registers in one tap.
    page.goto(server + "/events/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="春风行动·零工专场招聘会").click()
    page.wait_for_selector("#employers")
    for name in EMPLOYERS:
        assert name in page.locator("#employers").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    page.get_by_role("link", name="登录后报名").click()
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=username]", "13955550001")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#register form")
    page.get_by_role("button", name="我要参加").click()
    page.wait_for_url("**/events/slip/*/")
    assert "13955550001" not in page.url
    assert page.locator("img.slip-qr").count() == 1
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    registration = Registration.objects.get(seeker=seeker)

    # The Saturday comes: at the door, staff scan the slip (its QR opens the check-in page).
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
    )
    office.goto(server + registration.get_check_in_url())
    assert seeker.masked_name in office.locator("main").inner_text()
    office.get_by_role("button", name="签到").click()
    office.wait_for_selector("#checked-in")
    # A walk-in is looked up by mobile at the door (shown masked).
    office.goto(server + event.get_manage_url())
    office.fill("input[name=query]", "13955550002")
    office.locator("#door button[type=submit]").click()
    office.wait_for_selector(".messages")
    assert "139****0002" in office.locator(".messages").inner_text()
    assert Registration.objects.filter(event=event, attended_at__isnull=False).count() == 2

    # Two placements come from it: dispatched from the event, confirmed as usual.
    for person, job in ((seeker, jobs[0]), (walk_in, jobs[1])):
        office.select_option(
            "#dispatch select[name=job]", label=f"{job.employer.name} · {job.title}"
        )
        office.select_option(
            "#dispatch select[name=registration]",
            label=f"{person.masked_name} {person.masked_mobile}",
        )
        office.locator("#dispatch button[type=submit]").click()
        office.wait_for_selector(".messages")
    links = EventPlacement.objects.filter(event=event).select_related("placement")
    assert links.count() == 2
    for link in links:
        matching.placement_confirm(placement=link.placement, by=staff)
    office.get_by_role("button", name="标记为已举办").click()
    office.wait_for_selector(".messages")
    office.fill("input[name=intentions_reached]", "6")
    office.get_by_role("button", name="结束并登记成果").click()
    office.wait_for_selector(".messages")
    figures = office.locator("#results dd")
    assert figures.nth(1).inner_text() == "2"  # seekers present
    assert figures.nth(4).inner_text() == "2"  # placements
    assert figures.nth(5).inner_text() == "6"  # intentions reached
    event.refresh_from_db()
    assert event.state == "closed" and event.intentions_reached == 6

    # The public page shows the results.
    page.goto(server + event.get_absolute_url())
    assert "达成意向" in page.locator("#results").inner_text()

    # The county's gap list shows the market that held no event last month.
    AdminFactory(username="county")
    county = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    log_in(county, server, "county", PASSWORD)
    county.goto(server + "/stations/gaps/")
    gaps = county.locator("main").inner_text()
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime(
        "%Y-%m"
    )
    assert "河西零工市场" in gaps and f"{last_month} 没有举办招聘活动" in gaps

    # The monthly report and the station's yearly workload count the fair.
    day = timezone.localtime(event.starts_at).date()
    figures = service(Month.of(day), None)
    assert figures["events_held"] == 1 and figures["event_placements"] == 2
    assert workload_for(station=market, year=day.year)["recruitment_event"] == 1
    office.goto(server + f"/stations/chengguan/evaluations/{day.year}/self/")
    assert "招聘活动" in office.locator("main").inner_text()
