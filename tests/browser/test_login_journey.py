"""#12: on a phone, the login page names the site, leads a newcomer to registration, and tells a
seeker who forgot the password what to do."""

import pytest

from tests.browser.conftest import assert_no_serious_axe_violations, page_is_usable_on_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_on_the_login_page_finds_the_way_on(page, server, settings):
    page.goto(server + "/accounts/login/")
    assert settings.SITE_NAME in page.title() and "127.0.0.1" not in page.title()
    assert page.locator(".site-name").inner_text() == settings.SITE_NAME
    assert "身份证" in page.locator("#forgot-password").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert "elder" in (page.locator("html").get_attribute("class") or "")
    page_is_usable_on_phone(page)
    page.get_by_role("link", name="找活干：登记为求职人员").click()
    page.wait_for_url("**/seekers/register/")
