"""Tap targets on a 360-px phone in normal mode (issue 12): the whole job or station card opens
it; the elder-mode toggle, the header link, checkbox rows, the training month filter and the
footer phone links are at least 44 × 44 px; a phone number never breaks across lines."""

from decimal import Decimal

from tests.browser.conftest import BROWSER, page_is_usable_on_phone
from tests.gigmarket.factories import RegionFactory
from tests.jobs.factories import OpenJobFactory
from tests.stations.factories import StationFactory

pytestmark = BROWSER

MIN = 44


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not visible"
    return box


def _assert_tappable(page, selector: str) -> None:
    for i, element in enumerate(page.locator(selector).all()):
        box = element.bounding_box()
        assert box is not None, f"{selector} #{i} is not visible"
        assert box["width"] >= MIN and box["height"] >= MIN, f"{selector} #{i}: {box}"


def _lines(page, selector: str) -> list[int]:
    """How many lines the text of each element takes."""
    return page.eval_on_selector_all(
        selector,
        """els => els.map(el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        })""",
    )


def _world():
    town = RegionFactory(code="520999100", name="河口镇")
    station = StationFactory(code="hekou", region=town, service_phone="0851-88886666")
    job = OpenJobFactory(title="仓库搬运", region=town, station=station, pay_min=Decimal("260"))
    return station, job


def test_the_whole_job_card_opens_the_job(page, server):
    _station, job = _world()
    page.goto(server + "/jobs/")
    card = _box(page, ".job-card")
    # Tap near the card's bottom-right corner, far from the title.
    with page.expect_navigation():
        page.mouse.click(card["x"] + card["width"] - 8, card["y"] + card["height"] - 8)
    assert page.url.endswith(f"/jobs/{job.pk}/")


def test_the_whole_station_card_opens_the_station_and_its_call_button_still_calls(page, server):
    station, _job = _world()
    page.goto(server + "/stations/")
    call = page.locator(".station-card a[href^='tel:']").first
    assert call.evaluate(
        "el => document.elementFromPoint(el.getBoundingClientRect().x + 4, el.getBoundingClientRect().y + 4).closest('a') === el"
    )
    card = _box(page, ".station-card")
    with page.expect_navigation():
        page.mouse.click(card["x"] + card["width"] - 8, card["y"] + 30)
    assert page.url.endswith(station.get_absolute_url())


def test_seeker_facing_targets_are_at_least_44_px_and_phone_numbers_do_not_break(page, server):
    _world()
    page.goto(server + "/jobs/")
    _assert_tappable(page, ".elder-toggle")
    _assert_tappable(page, ".site-name")
    _assert_tappable(page, ".site-footer a[href^='tel:']")
    assert set(_lines(page, "a[href^='tel:']")) == {1}
    page_is_usable_on_phone(page)

    page.goto(server + "/stations/")
    _assert_tappable(page, ".field:has(> input[type=checkbox]) > label")
    _assert_tappable(page, ".station-card a[href^='tel:']")
    assert set(_lines(page, "a[href^='tel:']")) == {1}

    page.goto(server + "/training/?month=")
    page.locator(".training-filter summary").click()
    month = _box(page, "input[type=month]")
    assert month["height"] >= MIN and month["width"] >= MIN
