"""Seekers on a 360-px phone: a person self-registers, sees "Me", renews; staff register a walk-in."""

import re

import pytest

from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_person_self_registers_sees_me_and_renews(page, server, settings):
    from gigmarket import notify

    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    notify.outbox.clear()
    StationFactory(code="chengguan", name="城关社区零工驿站")
    page.goto(server + "/seekers/register/")
    assert page.locator("h1").inner_text() == "求职登记"
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    page.fill("input[name=name]", "孙七")
    page.fill("input[name=mobile]", "136 2222 3333")
    page.fill("input[name=password1]", "Long-Pass-2026")
    page.fill("input[name=password2]", "Long-Pass-2026")
    page.select_option("select[name=primary_occupation]", label="保洁员")
    page.select_option("select[name=home_station]", label="城关社区零工驿站")
    page.check("input[name=consent]")
    page.click("form.form button[type=submit]")

    # The mobile gets a code by text; the page does not say whether the number was known.
    page.wait_for_url("**/seekers/register/code/")
    page_is_usable_on_phone(page)
    code = re.search(r"\b(\d{6})\b", notify.outbox[-1]["text"]).group(1)
    page.fill("input[name=code]", code)
    page.click("form.form button[type=submit]")

    page.wait_for_url("**/me/")
    panel = page.locator("#panel-seekers-registration")
    assert "我的求职登记" in panel.inner_text()
    assert "城关社区零工驿站" in panel.inner_text()
    page_is_usable_on_phone(page)

    panel.get_by_role("link", name="续期").click()
    page.wait_for_url("**/seekers/me/renew/")
    page_is_usable_on_phone(page)
    page.select_option("select[name=primary_occupation]", label="家政服务员")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/me/")
    assert "已续期" in page.locator(".messages").inner_text()

    # Elder mode keeps the Me page usable.
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)


def test_staff_register_a_walk_in_and_get_the_slip(page, server):
    station = StationFactory(code="heping", name="和平社区零工驿站")
    StationAssignmentFactory(station=station, user__username="window")
    log_in(page, server, "window", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.goto(server + "/seekers/staff/register/")
    page_is_usable_on_phone(page)
    page.fill("input[name=name]", "王秀英")
    page.fill("input[name=mobile]", "13912345678")
    page.select_option("select[name=primary_occupation]", label="保洁员")
    page.check("input[name=consent]")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/slip/")
    slip = page.locator(".slip").inner_text()
    assert "登记回执" in slip and "和平社区零工驿站" in slip and "139****5678" in slip
    assert page.locator(".slip__code-value").inner_text().strip()
    page_is_usable_on_phone(page)

    # The same person again: caught, shown masked, continued as a renewal.
    page.goto(server + "/seekers/staff/register/")
    page.fill("input[name=name]", "王秀英")
    page.fill("input[name=mobile]", "139 1234 5678")
    page.select_option("select[name=primary_occupation]", label="保洁员")
    page.check("input[name=consent]")
    page.click("form.form button[type=submit]")
    assert "此人已经登记过" in page.locator(".duplicate").inner_text()
    page.get_by_role("button", name="继续为此人办理：求职登记续期").click()
    page.wait_for_url("**/slip/")
