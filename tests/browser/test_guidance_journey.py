"""Guidance at a window, on a phone-width screen: staff give guidance to an older walk-in, record
a two-step plan with a follow-up and refer her to training; she sees the plan in elder mode;
her placement on a construction job without insurance prompts a recommendation, recorded."""

import datetime

import pytest
from django.utils import timezone

from gigmarket.models import Occupation
from guidance.models import Guidance, InsuranceAdvice
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, SeekerUserFactory, StationStaffFactory
from tests.guidance.factories import resident_id
from tests.jobs.factories import OpenJobFactory, PlacementFactory
from tests.seekers.factories import PrioritySeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import EnrollingProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_window_guidance_plan_referral_and_insurance_prompt(page, server):
    station = StationFactory(code="chengguan", name="城关社区零工驿站")
    staff = StationStaffFactory(username="desk1")
    StationAssignmentFactory(user=staff, station=station)
    walk_in = PrioritySeekerFactory(
        station=station, name="王秀英", mobile="13966667777", id_number=resident_id(77)
    )
    EnrollingProgrammeFactory(title="保洁员（初级）培训班", capacity=10)

    log_in(page, server, "desk1", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.goto(server + "/guidance/")
    page.fill("input[name=q]", "13966667777")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="职业指导").first.click()
    page.wait_for_url("**/new/")
    page_is_usable_on_phone(page)
    page.fill("textarea[name=work_history]", "在饭店洗碗八年")
    page.fill("textarea[name=health_limits]", "膝盖不好，不能爬高")
    page.fill("input[name=availability]", "每天上午")
    page.fill("textarea[name=goals]", "找一份上午的保洁活")
    page.fill("input[name=job_step]", "去城东小区物业试工保洁")
    page.fill("input[name=documents_step]", "带身份证和健康证")
    follow_up = timezone.localdate() + datetime.timedelta(days=7)
    page.fill("input[name=follow_up_on]", follow_up.isoformat())
    page.get_by_role("button", name="保存指导和服务方案").click()
    page.wait_for_selector(".messages")
    plan = page.locator("ol.plan-steps")
    assert plan.locator("li").count() == 3
    assert "膝盖不好" not in page.locator("main").inner_text()  # hidden until asked for
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    page.select_option(
        "select[name=programme]",
        label=page.locator("select[name=programme] option", has_text="保洁员").inner_text(),
    )
    page.get_by_role("button", name="推荐", exact=True).click()
    page.wait_for_selector(".messages")
    assert "已推荐培训" in page.locator(".messages").inner_text()
    assert plan.locator("li").count() == 4
    guidance = Guidance.objects.get(seeker=walk_in)
    assert guidance.steps.get(kind="training").referral.status == "referred"

    page.get_by_role("link", name="打印服务方案").click()
    page.wait_for_selector(".plan-sheet")
    assert "带身份证和健康证" in page.locator(".plan-sheet").inner_text()
    page_is_usable_on_phone(page)

    # The person herself, on her phone in elder mode.
    user = SeekerUserFactory(phone="13966667777")
    type(walk_in).objects.filter(pk=walk_in.pk).update(user=user)
    page.context.clear_cookies()
    log_in(page, server, "13966667777", PASSWORD)
    page.wait_for_url("**/me/")
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    panel = page.locator("#panel-guidance-my-plan")
    assert "找一份上午的保洁活" in panel.inner_text()
    assert "膝盖不好" not in page.locator("main").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    # Her placement on a construction job with no insurance prompts a recommendation.
    site = OpenJobFactory(
        title="工地小工",
        occupation=Occupation.objects.get(code="6-16"),
        station=station,
        start_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    from jobs.services.matching import placement_confirm

    placement_confirm(placement=PlacementFactory(job=site, seeker=walk_in), by=staff)
    page.context.clear_cookies()
    log_in(page, server, "desk1", PASSWORD)
    page.wait_for_url("**/workbench/")
    assert "工地小工" in page.locator("main").inner_text()
    page.get_by_role("link", name="记录答复").first.click()
    page.wait_for_url("**/guidance/insurance/**")
    card = page.locator("section.card", has_text="工地小工")
    card.get_by_label("本人已购买").check()
    card.get_by_label("保险公司").fill("中国人寿")
    card.get_by_role("button", name="记录").click()
    page.wait_for_selector(".messages")
    assert InsuranceAdvice.objects.get().status == "bought"
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
