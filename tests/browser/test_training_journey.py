"""Training on a 360-px phone: a seeker finds the subsidised welding class and signs up in one tap;
a full class says so plainly."""

import pytest

from seekers.models import Seeker
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, SeekerUserFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationFactory
from tests.training.factories import EnrollingProgrammeFactory, ReferralFactory, occupation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seeker_login(mobile: str):
    user = SeekerUserFactory(phone=mobile)
    seeker = SeekerFactory(
        station=StationFactory(code="chengguan", name="城关社区零工驿站"),
        name="赵铁柱",
        mobile=mobile,
    )
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    return user


def test_seeker_finds_the_welding_class_and_signs_up(page, server):
    EnrollingProgrammeFactory(title="焊工（初级）职业技能培训班", capacity=20)
    EnrollingProgrammeFactory(
        title="育婴员（五级）培训班",
        occupation=occupation("4-03"),
        subsidised=False,
        subsidy_amount=None,
        fee=0,
    )
    _seeker_login("13955556666")

    page.goto(server + "/training/")
    assert page.locator("h1").inner_text() == "免费和补贴培训"
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    page.locator("details.training-filter summary").click()
    page.select_option("select[name=occupation]", label="焊工")
    page.get_by_role("button", name="查看培训班").click()
    page.wait_for_url("**/training/?occupation=6-07*")
    cards = page.locator(".programme-card")
    assert cards.count() == 1
    assert "每人补贴 ¥1,500.00" in cards.first.inner_text()
    assert "剩余 20 个名额" in cards.first.inner_text()

    cards.first.get_by_role("link", name="焊工（初级）职业技能培训班").click()
    page.wait_for_selector("#sign-up")
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="登录后报名").click()
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=username]", "13955556666")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#sign-up form")

    page.get_by_role("button", name="报名参加").click()
    page.wait_for_selector(".messages")
    assert "报名成功" in page.locator(".messages").inner_text()
    assert "您已在这个培训班" in page.locator("#sign-up").inner_text()
    assert "剩余 19 个名额" in page.locator("main").inner_text()
    page_is_usable_on_phone(page)

    page.get_by_role("link", name="我的培训").click()
    page.wait_for_url("**/me/")
    panel = page.locator("#panel-training-mine")
    assert "焊工（初级）职业技能培训班" in panel.inner_text() and "已报名" in panel.inner_text()
    page_is_usable_on_phone(page)

    # Elder mode keeps the class page usable.
    page.goto(server + "/training/")
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)


def test_a_full_class_says_so(page, server):
    programme = EnrollingProgrammeFactory(title="电焊速成班", capacity=1)
    ReferralFactory(programme=programme)
    _seeker_login("13977778888")
    log_in(page, server, "13977778888", PASSWORD)
    page.wait_for_url("**/me/")
    page.goto(server + programme.get_absolute_url())
    assert "已报满" in page.locator("main").inner_text()
    assert "本班已满" in page.locator("#sign-up").inner_text()
    assert page.get_by_role("button", name="报名参加").count() == 0
    page_is_usable_on_phone(page)
