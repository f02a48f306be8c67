"""A village cadre on a 360-px phone (issue 17) registers a neighbour with her signed consent and
refers her to a station; the station takes her on and places her; the cadre sees that she was
placed, with her name masked, and nothing else of the register."""

import datetime

import pytest
from django.utils import timezone

from partners import services
from partners.models import Referral
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, RegionFactory
from tests.partners.factories import PartnerFactory, PartnerMemberFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_village_cadre_registers_a_neighbour_and_sees_she_was_placed(page, server):
    from jobs.models import Placement
    from tests.jobs.factories import PlacementFactory

    station = StationFactory(
        code="shiqiao", name="石桥村零工驿站", region=RegionFactory(code="520999101")
    )
    staff = StationAssignmentFactory(station=station).user
    PartnerMemberFactory(
        partner=PartnerFactory(name="石桥村村民委员会", region=RegionFactory(code="520999")),
        user__username="cadre",
    )

    log_in(page, server, "cadre", PASSWORD)
    page.wait_for_url("**/partners/")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="代为登记并推荐").first.click()
    page.wait_for_url("**/partners/refer/")
    page.fill("input[name=name]", "王秀英")
    page.fill("input[name=mobile]", "158 1111 2222")
    page.select_option("select[name=primary_occupation]", label="保洁员")
    page.select_option("select[name=station]", label="石桥村零工驿站")
    page.select_option("select[name=purpose]", label="找工作")
    page.set_input_files(
        "input[name=consent_file]",
        files=[{"name": "同意书.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="登记并推荐").click()
    page.wait_for_url("**/partners/")
    listed = page.locator("#referrals").inner_text()
    assert "王**" in listed and "王秀英" not in listed and "已推荐到驿站" in listed

    # The station takes her on and places her in work.
    referral = Referral.objects.get()
    assert referral.registered_by_partner and referral.seeker.home_station == station
    services.referral_accept(referral=referral, by=staff)
    PlacementFactory(
        seeker=referral.seeker,
        state=Placement.State.CONFIRMED,
        confirmed_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    services.referral_done(referral=referral, by=staff, outcome="已到城东小区做保洁")

    page.reload()
    listed = page.locator("#referrals").inner_text()
    assert "已上岗" in listed and "已到城东小区做保洁" in listed and "已办结" in listed
    assert "15811112222" not in page.content()
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    # Nothing else of the register.
    assert page.request.get(server + "/seekers/staff/").status == 403
