"""Issue 16's "done when" after the work, on a 360-px phone: a household employer asks last
week's worker again, the worker accepts by the texted link (no login), the employer confirms;
both sides rate each other; the worker answers the station's survey and the month's figure is on
the station's evaluation form. (The weekly order opening itself is time-machined in
tests/jobs/test_aftercare.py, not here.)"""

import datetime
import re

import pytest
from django.utils import timezone

from gigmarket.models import Message, Region
from jobs import services
from jobs.models import PlacementRating, RehireRequest
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, AdminFactory, EmployerUserFactory, ReviewerFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.seekers.factories import SeekerFactory, occupation
from tests.stations.factories import (
    StationAssignmentFactory,
    StationEvaluationFactory,
    StationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    town, _ = Region.objects.get_or_create(
        code="520999101", defaults={"name": "城关镇", "level": "township", "parent": county}
    )
    station = StationFactory(code="chengguan", name="城关社区零工驿站", region=town)
    staff = StationAssignmentFactory(station=station).user
    user = EmployerUserFactory(phone="13766660001", username="13766660001")
    employer = EmployerFactory(
        kind="household", name="李秀英", region=town, user=user, contact_mobile="13766660001"
    )
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    job = OpenJobFactory(
        employer=employer,
        station=station,
        region=town,
        title="家庭保洁（半天）",
        occupation=occupation("4-01"),
        headcount=1,
        start_date=last_week,
        end_date=last_week,
        work_hours="08:00-12:00",
    )
    worker = SeekerFactory(
        station=station, name="王秀英", mobile="13955558888", details={"home_region": town}
    )
    placement = services.placement_recommend(job=job, seeker=worker, by=staff)
    services.placement_confirm(placement=placement, by=staff)
    services.placement_start(placement=placement, by=staff)
    placement = services.placement_complete(
        placement=placement,
        by=staff,
        result={"start_date": last_week, "end_date": last_week, "paid_in_full": True},
    )
    return station, employer, worker, placement


def _link(kind_key):
    text = Message.objects.get(key=kind_key).text
    return re.search(r"https?://\S+?/(jobs|feedback)/\S+/", text).group(0)


def _path(link):
    return "/" + link.split("/", 3)[3]


def test_household_rehires_last_weeks_worker_and_both_rate(page, server):
    station, employer, worker, placement = _world()
    next_week = timezone.localdate() + datetime.timedelta(days=7)

    # The employer, on the phone: last week's worker is under "done"; ask for her again.
    log_in(page, server, "13766660001", PASSWORD)
    page.goto(server + "/jobs/mine/placements/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    card = page.locator(f"#placement-{placement.pk}")
    assert "王*" in card.inner_text() and "13955558888" not in page.content()
    card.get_by_role("link", name="再请这位工人").click()
    page.fill("input[name=start_date]", next_week.isoformat())
    page_is_usable_on_phone(page)
    page.get_by_role("button", name="发送邀请").click()
    page.wait_for_selector(".messages")
    assert "已邀请" in page.locator(".messages").inner_text()
    request = RehireRequest.objects.get()
    assert request.job.start_date == next_week and request.job.status == "pending"

    # The worker taps the link in the text message: no login, nothing personal in the address.
    link = _link(f"rehire:{request.pk}:ask")
    assert "13955558888" not in link and "王秀英" not in link
    page.context.clear_cookies()
    page.goto(server + _path(link))
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    assert "家庭保洁（半天）" in page.content()
    page.get_by_role("button", name="好，我来").click()
    page.wait_for_selector(".messages")
    assert "您已接受" in page.locator(".messages").inner_text()
    request.refresh_from_db()
    assert request.state == "accepted"

    # The reviewer approves the new order; the employer confirms her on the placements page.
    services.job_approve(job=request.job, by=ReviewerFactory())
    log_in(page, server, "13766660001", PASSWORD)
    page.goto(server + "/jobs/mine/placements/")
    new_card = page.locator(f"#placement-{request.placement_id}")
    new_card.get_by_role("button", name="确认").click()
    page.wait_for_selector(".messages")
    request.placement.refresh_from_db()
    assert request.placement.state == "confirmed"

    # The employer rates last week's work from the same page (elder mode on).
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page.locator(f"#placement-{placement.pk}").get_by_role("link", name="评价工人").click()
    page_is_usable_on_phone(page)
    page.locator("#id_score input[value='5']").check()
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector(".messages")
    boss = PlacementRating.objects.get(placement=placement, side="employer")
    assert boss.score == 5

    # The worker rates the employer by her link, then answers the station's three questions.
    worker_rating = PlacementRating.objects.get(placement=placement, side="worker")
    page.context.clear_cookies()
    page.goto(server + _path(_link(f"rating:{worker_rating.pk}:ask")))
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.locator("#id_score input[value='4']").check()
    page.locator("#id_paid_as_agreed input[value='yes']").check()
    page.locator("#id_safe input[value='yes']").check()
    page.locator("#id_as_described input[value='yes']").check()
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector(".messages")
    worker_rating.refresh_from_db()
    assert (worker_rating.score, worker_rating.paid_as_agreed) == (4, True)
    page.get_by_role("link", name="也给驿站的服务打个分（三个问题）").click()
    page_is_usable_on_phone(page)
    for name, value in (("environment", "5"), ("process", "4"), ("result", "4")):
        page.locator(f"#id_{name} input[value='{value}']").check()
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector(".messages")

    # The county admin's evaluation form shows this month's satisfaction and starts from it.
    year = timezone.localdate().year
    StationEvaluationFactory(station=station, year=year)
    admin = AdminFactory(region=station.region)
    page.context.clear_cookies()
    log_in(page, server, admin.username, PASSWORD)
    page.goto(server + f"/stations/{station.code}/evaluations/{year}/centre/")
    section = page.locator("#satisfaction").inner_text()
    assert timezone.localdate().strftime("%Y-%m") in section and "4.3" in section
    assert page.locator("input[name=attitude]").input_value() == "12.9"
    page_is_usable_on_phone(page)
