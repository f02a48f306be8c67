"""Instant hire on a 360-px phone: a seeker signs up for a cleaning job in one tap and sees it on
Me; station staff open the job's candidates, see why each ranks where, and dispatch and confirm."""

import pytest

from gigmarket.models import Region
from jobs import services
from seekers.models import Seeker
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, SeekerUserFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.seekers.factories import SeekerFactory, occupation
from tests.stations.factories import StationAssignmentFactory, StationFactory

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
    job = OpenJobFactory(
        employer=EmployerFactory(kind="household", region=town),
        station=station,
        region=town,
        title="家庭保洁（今天）",
        occupation=occupation("4-01"),
        headcount=2,
        work_hours="08:00-12:00",
    )
    user = SeekerUserFactory(phone="13955557777")
    seeker = SeekerFactory(
        station=station, name="王秀英", mobile="13955557777", details={"home_region": town}
    )
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    waiting = SeekerFactory(station=station, name="李桂兰", details={"home_region": town})
    services.waiting_sign_in(station=station, seeker=waiting, by=staff)
    return job, staff, waiting


def test_seeker_signs_up_and_staff_dispatch_with_reasons(page, server):
    job, staff, waiting = _world()

    # The seeker, on the phone.
    log_in(page, server, "13955557777", PASSWORD)
    page.goto(server + job.get_absolute_url())
    page_is_usable_on_phone(page)
    page.get_by_role("button", name="报名这个岗位").click()
    page.wait_for_selector(".messages")
    assert "报名成功" in page.locator(".messages").inner_text()
    assert "您已报名此岗位" in page.locator("#apply").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.goto(server + "/me/")
    panel = page.locator("#panel-jobs-placements")
    assert "家庭保洁（今天）" in panel.inner_text() and "已报名" in panel.inner_text()
    page_is_usable_on_phone(page)
    page.get_by_role("link", name="适合我的岗位").click()
    page.wait_for_url("**/jobs/for-me/")
    page_is_usable_on_phone(page)

    # Station staff, also on a phone-sized screen.
    page.context.clear_cookies()
    log_in(page, server, staff.username, PASSWORD)
    page.goto(server + f"/jobs/{job.pk}/candidates/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    cards = page.locator("#candidates .candidate")
    first, second = cards.nth(0).inner_text(), cards.nth(1).inner_text()
    assert "已报名" in first and "主要求职工种相符" in first
    assert "今日在城关社区零工驿站候工" in second and "同乡镇" in second
    cards.nth(1).get_by_role("button", name="派单").click()
    page.wait_for_selector(".messages")
    assert "已派单" in page.locator(".messages").inner_text()
    sent = page.locator("#placements .candidate")
    assert sent.count() == 1 and "已推荐" in sent.first.inner_text()
    sent.first.get_by_role("button", name="确认").click()
    page.wait_for_selector(".messages")
    assert "已确认 1 / 2 人" in page.locator("#headcount").inner_text()
    page_is_usable_on_phone(page)
    # Elder mode keeps the page usable.
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)


def test_staff_call_a_candidate_and_cannot_start_tomorrows_job_today(page, server):
    """Issue 12 on a phone: the call button shows the mobile once as a tap-to-call link (logged);
    on a job that starts tomorrow a confirmed person has no "on duty" button, just the day."""
    import datetime

    from django.utils import timezone

    from gigmarket.models import PersonalDataAccess

    job, staff, waiting = _world()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = OpenJobFactory(
        employer=job.employer,
        station=job.station,
        region=job.region,
        title="家庭保洁（明天）",
        occupation=occupation("4-01"),
        start_date=tomorrow,
        headcount=2,
    )
    placement = services.placement_recommend(job=later, seeker=waiting, by=staff)
    services.placement_confirm(placement=placement, by=staff)

    log_in(page, server, staff.username, PASSWORD)
    page.goto(server + f"/jobs/{later.pk}/candidates/")
    sent = page.locator("#placements .candidate").first
    assert "已确认" in sent.inner_text()
    assert sent.get_by_role("button", name="在岗").count() == 0
    assert tomorrow.isoformat() in sent.inner_text()
    page_is_usable_on_phone(page)
    page.get_by_role("button", name="长者模式").click()  # the call page in elder mode too
    page.wait_for_load_state()

    sent = page.locator("#placements .candidate").first
    sent.get_by_role("button", name="📞 拨打").click()
    page.wait_for_selector("#call-link")
    link = page.locator("#call-link")
    assert link.get_attribute("href") == f"tel:{waiting.mobile}"
    assert "本次查看已记录" in page.content()
    assert PersonalDataAccess.objects.filter(object_id=str(waiting.pk), user=staff).count() == 1
    assert "elder" in (page.locator("html").get_attribute("class") or "")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
