"""#12: on a phone, a station's page offers to navigate there with the map app and lists the
station's open jobs; a tap on a job opens it."""

from decimal import Decimal

import pytest

from tests.browser.conftest import assert_no_serious_axe_violations, page_is_usable_on_phone
from tests.jobs.factories import OpenJobFactory
from tests.stations.factories import StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_seeker_finds_the_way_to_a_station_and_its_jobs(page, server):
    station = StationFactory(
        code="chengguan",
        name="城关社区零工驿站",
        latitude=Decimal("26.582300"),
        longitude=Decimal("106.713900"),
        datum="gcj02",
    )
    job = OpenJobFactory(station=station, title="茶叶采摘季节工")
    page.goto(server + station.get_absolute_url())
    navigate = page.get_by_role("link", name="用手机地图导航到这里")
    assert navigate.get_attribute("href").startswith("geo:")
    assert "uri.amap.com" in page.get_by_role("link", name="在高德地图中打开").get_attribute("href")
    assert "WGS84" not in page.content()
    assert "茶叶采摘季节工" in page.locator("#station-jobs").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    assert "elder" in (page.locator("html").get_attribute("class") or "")
    page_is_usable_on_phone(page)
    page.locator("#station-jobs").get_by_role("link", name="茶叶采摘季节工").click()
    page.wait_for_url("**" + job.get_absolute_url())
