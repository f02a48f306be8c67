"""Job alerts on a 360-px phone: a seeker opts into alerts for cleaning work in their township;
a matching job is approved at 8:00; the digest SMS leaves through the provider's SDK (against the
local fake provider) and its link opens the job list without a login."""

import datetime as dt

import pytest
from django.utils import timezone

from gigmarket import notify
from gigmarket.tasks import send_notifications
from jobs import services
from jobs.tasks import send_job_alerts
from seekers.models import JobAlertConsent, Seeker
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import (
    PASSWORD,
    RegionFactory,
    ReviewerFactory,
    SeekerUserFactory,
    StationStaffFactory,
)
from tests.jobs.factories import EmployerFactory, JobFactory
from tests.seekers.factories import SeekerFactory, occupation
from tests.stations.factories import StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_seeker_opts_into_cleaning_alerts_and_the_sms_leaves_through_the_provider(
    page, server, fake_sms, monkeypatch
):
    town = RegionFactory(code="520999101", name="城关镇")
    station = StationFactory(code="chengguan", name="城关社区零工驿站", region=town)
    user = SeekerUserFactory(phone="13955551234")
    seeker = SeekerFactory(
        station=station, mobile="13955551234", primary_occupation=occupation("4-01")
    )
    Seeker.objects.filter(pk=seeker.pk).update(user=user)

    log_in(page, server, "13955551234", PASSWORD)
    page.wait_for_url("**/me/")
    panel = page.locator("#panel-seekers-alerts")
    assert "未开启" in panel.inner_text()
    panel.get_by_role("link", name="开启提醒").click()
    page.wait_for_url("**/seekers/me/alerts/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.check("input[name=active]")
    page.get_by_label("保洁员").check()
    page.get_by_label("城关镇").check()
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/me/")
    assert "岗位提醒已保存" in page.locator(".messages").inner_text()
    assert "保洁员" in page.locator("#panel-seekers-alerts").inner_text()
    consent = JobAlertConsent.objects.get(seeker=seeker)
    assert consent.active and consent.how == "self" and consent.by == user

    # 8:00 in Shanghai: a reviewer approves a cleaning job in the township.
    eight = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=1), dt.time(8), tzinfo=notify.SHANGHAI
    )
    monkeypatch.setattr(timezone, "now", lambda: eight)
    job = JobFactory(
        employer=EmployerFactory(region=town),
        occupation=occupation("4-01"),
        title="家庭保洁半天",
        start_date=eight.date(),
        station=station,
    )
    services.job_submit(job=job, by=StationStaffFactory())
    services.job_approve(job=job, by=ReviewerFactory())
    assert send_job_alerts.delay().get() == 1
    assert send_notifications.delay().get() == 1

    [sms] = fake_sms.sent
    assert sms["to"] == "13955551234" and sms["template"] == "SMS_100010"
    assert sms["variables"]["job"] == "家庭保洁半天"
    link = sms["variables"]["link"]
    monkeypatch.undo()

    # The link in the text opens the matching jobs on the phone, without logging in.
    page.context.clear_cookies()
    page.goto(server + link[link.index("/jobs/alerts/") :])
    assert page.locator("h1").inner_text() == "适合您的新岗位"
    assert "家庭保洁半天" in page.locator(".candidates").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
