"""Station journeys on a 360-px phone: a person finds the nearest open station and can call it;
a county admin sees the compliance gaps."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import BROWSER, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, AdminFactory
from tests.stations.factories import MarketFactory, OpeningHoursFactory, StationFactory

pytestmark = BROWSER

HERE = {
    "latitude": 26.5823,
    "longitude": 106.7139,
}  # where the person stands (WGS84, from the phone)


def _open_all_week(station):
    for day in range(7):
        OpeningHoursFactory(
            station=station, weekday=day, opens=datetime.time(0, 0), closes=datetime.time(23, 59)
        )


def test_a_person_finds_the_nearest_open_station_and_sees_tap_to_call(
    browser, browser_context_args, server
):
    closed_next_door = StationFactory(
        name="隔壁零工驿站",
        datum="wgs84",
        latitude=Decimal("26.582400"),
        longitude=Decimal("106.714000"),
    )
    near_open = StationFactory(
        name="和平社区家政零工驿站",
        service_phone="0851-86002345",
        datum="wgs84",
        latitude=Decimal("26.590000"),
        longitude=Decimal("106.720000"),
    )
    far_open = StationFactory(
        name="河口镇建筑零工驿站",
        service_phone="0851-86003456",
        datum="wgs84",
        latitude=Decimal("26.700000"),
        longitude=Decimal("106.900000"),
    )
    _open_all_week(near_open)
    _open_all_week(far_open)
    context = browser.new_context(
        **browser_context_args, geolocation=HERE, permissions=["geolocation"]
    )
    page = context.new_page()

    page.goto(server + "/stations/")
    page_is_usable_on_phone(page)
    assert closed_next_door.name in page.content(), "the list is there before any location is given"
    page.get_by_label("只看正在营业的").check()
    page.get_by_role("button", name="离我最近的（使用我的位置）").click()
    page.wait_for_url("**lat=**")
    query = parse_qs(urlsplit(page.url).query)
    assert (query["lat"], query["lng"]) == (["26.58"], ["106.71"]), (
        "the GET form carries the location rounded to about 1 km, not the person's exact position"
    )

    first = page.locator(".station-card").first
    assert near_open.name in first.inner_text()
    call = first.get_by_role("link", name="拨打 0851-86002345")
    assert call.get_attribute("href") == "tel:0851-86002345"
    assert call.bounding_box()["height"] >= 44, "a thumb can hit it"
    assert closed_next_door.name not in page.content()
    page_is_usable_on_phone(page)

    first.get_by_role("link", name=near_open.name).click()
    page.wait_for_url(f"**/stations/{near_open.code}/")
    assert page.get_by_text("正在营业").first.is_visible()
    assert (
        page.get_by_role("link", name="服务电话 0851-86002345").get_attribute("href")
        == "tel:0851-86002345"
    )
    page_is_usable_on_phone(page)
    context.close()


def test_an_admin_sees_the_compliance_gaps(page, server):
    MarketFactory(name="示范县零工市场", floor_area=Decimal("60"))
    StationFactory(name="城关街道零工驿站", floor_area=Decimal("10"))
    AdminFactory(username="county")
    log_in(page, server, "county", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.get_by_role("link", name="2 个有不达标项").click()
    page.wait_for_url("**/stations/gaps/")
    text = page.locator("main").inner_text()
    assert "示范县零工市场" in text and "低于最低要求 90" in text
    assert "城关街道零工驿站" in text and "至少应配备 1 名" in text
    page_is_usable_on_phone(page)


def test_directory_and_station_page_have_no_serious_accessibility_violations(page, server):
    from tests.browser.conftest import assert_no_serious_axe_violations

    station = StationFactory(
        name="和平社区家政零工驿站", facilities=["drinking_water"], services=["instant_hire"]
    )
    _open_all_week(station)
    for path in ("/stations/", station.get_absolute_url()):
        page.goto(server + path)
        assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)


def test_the_leaflet_map_appears_only_with_a_tile_url_and_its_markers_open_the_station_card(
    page, server, settings
):
    station = StationFactory(name="和平社区家政零工驿站", located=True)
    StationFactory(
        name="河口镇建筑零工驿站", latitude=Decimal("26.540200"), longitude=Decimal("106.760800")
    )
    page.goto(server + "/stations/")
    assert page.locator("#station-map").count() == 0, "no tile URL, no map: the list alone"

    settings.MAP_TILE_URL = server + "/static/tiles/{z}/{x}/{y}.png"  # same origin: allowed by CSP
    # Another URL: the browser may reuse the public page it fetched a moment ago (max-age=60).
    page.goto(server + "/stations/?township=")
    markers = page.locator("#station-map .leaflet-marker-icon.marker")
    markers.first.wait_for()
    assert markers.count() == 2
    assert page.locator("#station-map img.leaflet-tile").count() >= 2
    assert page.locator(".station-card").count() == 2, "the list stays beside the map"
    page_is_usable_on_phone(page)
    page.locator(f"#station-map .marker[title='{station.name}']").click()
    popup = page.locator(".leaflet-popup-content")
    assert station.name in popup.inner_text(), "the marker opens the station's card"
    popup.get_by_role("link", name="驿站页面").click()
    page.wait_for_url(f"**/stations/{station.code}/")
