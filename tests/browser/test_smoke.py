"""Smoke journey on a phone: home page, elder mode on, page still usable; accessibility."""

from tests.browser.conftest import (
    BROWSER,
    assert_no_serious_axe_violations,
    log_in,
    page_is_usable_on_phone,
)
from tests.gigmarket.factories import PASSWORD, AdminFactory

pytestmark = BROWSER


def test_home_then_elder_mode_stays_usable(page, server):
    page.goto(server + "/")
    assert page.locator("h1").first.is_visible()
    assert "找活" in page.content() or "找工作" in page.content()
    page_is_usable_on_phone(page)
    normal_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")

    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    elder_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert elder_size >= 20 > normal_size
    page_is_usable_on_phone(page)
    # Every tile is still reachable and large enough to tap.
    for tile in page.locator(".tile").all():
        assert tile.bounding_box()["height"] >= 56

    # Elder mode persists in this browser across pages.
    page.goto(server + "/accounts/login/")
    assert page.evaluate("document.documentElement.classList.contains('elder')")


def test_home_and_login_have_no_serious_accessibility_violations(page, server):
    for path in ("/", "/accounts/login/"):
        page.goto(server + path)
        assert_no_serious_axe_violations(page)
    page.goto(server + "/")
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert_no_serious_axe_violations(page)


def test_admin_logs_in_and_reaches_the_workbench(page, server):
    AdminFactory(username="county")
    log_in(page, server, "county", PASSWORD)
    page.wait_for_url("**/workbench/")
    assert page.locator("h1").inner_text() == "工作台"
    page_is_usable_on_phone(page)
