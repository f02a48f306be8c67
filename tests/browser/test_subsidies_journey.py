"""Subsidy claim on a 360-px phone (issue 17): after a training certificate, staff draft a
training-subsidy claim with eligibility checked, return it once with every missing document
listed (the person sees the list on "Me"), approve it, and the county admin exports it for finance."""

import pytest
from django.utils import timezone

from subsidies import services
from subsidies.models import Claim
from tests.browser.conftest import assert_no_serious_axe_violations, log_in, page_is_usable_on_phone
from tests.gigmarket.factories import PASSWORD, AdminFactory, SeekerUserFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.subsidies.factories import scheme
from tests.training.factories import ReferralFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_training_subsidy_claim_from_certificate_to_finance_export(page, server, browser):
    station = StationFactory(code="chengguan", name="城关社区零工驿站")
    staff = StationAssignmentFactory(station=station, user__username="window").user
    person = SeekerFactory(
        station=station, name="张桂兰", mobile="15800001111", user=SeekerUserFactory()
    )
    ReferralFactory(
        seeker=person,
        status="certified",
        certificate_number="ZS-2026-0001",
        certificate_date=timezone.localdate(),
    )
    AdminFactory(username="finance")
    scheme("training-certificate")  # the data migration's rows (a transactional test empties them)

    log_in(page, server, "window", PASSWORD)
    page.wait_for_url("**/workbench/")
    page.goto(server + "/subsidies/claims/new/")
    page.fill("input[name=seeker]", person.number)
    page.select_option("select[name=scheme]", label="职业技能培训补贴")
    page.select_option("select[name=station]", label="城关社区零工驿站")
    page.get_by_role("button", name="起草申领").click()
    page.wait_for_url("**/subsidies/claims/*/")
    assert page.locator("#claim-eligible").inner_text() == "符合条件"
    assert "ZS-2026-0001" in page.locator("#eligibility").inner_text()
    page_is_usable_on_phone(page)
    assert_no_serious_axe_violations(page)

    # One document comes in; the claim is submitted.
    page.select_option("select[name=name]", label="身份证复印件")
    page.set_input_files(
        "input[name=files]", files=[{"name": "身份证.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.get_by_role("button", name="登记收到的材料").click()
    page.wait_for_load_state()
    page.locator("#submit-claim").click()
    page.wait_for_load_state()
    assert page.locator("#claim-status").inner_text() == "已提交"

    # Returned once, every missing document listed (ticked for staff already).
    page.locator("#return-claim").click()
    page.wait_for_load_state()
    assert page.locator("#claim-status").inner_text() == "退回补材料"
    missing = page.locator("#returned-missing")
    assert missing.locator("li").count() == 2
    assert "培训合格证书" in missing.inner_text()

    # The person sees the whole list on their page.
    person_context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    person_page = person_context.new_page()
    log_in(person_page, server, person.user.username, PASSWORD)
    person_page.wait_for_url("**/me/")
    mine = person_page.locator("#my-claims").inner_text()
    assert "培训合格证书" in mine and "社会保障卡或银行卡复印件" in mine
    page_is_usable_on_phone(person_page)
    assert_no_serious_axe_violations(person_page)
    person_context.close()

    # She brings them; staff record them, resubmit and approve.
    claim = Claim.objects.get()
    from django.core.files.uploadedfile import SimpleUploadedFile

    for name in claim.still_missing():
        services.claim_documents_add(
            claim=claim, by=staff, name=name, files=[SimpleUploadedFile("scan.png", PNG)]
        )
    page.reload()
    page.locator("#submit-claim").click()
    page.wait_for_load_state()
    page.locator("#approve-claim").click()
    page.wait_for_load_state()
    assert page.locator("#claim-status").inner_text() == "已核准"
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_load_state()
    page_is_usable_on_phone(page)

    # The county admin exports the month's approved claims for finance.
    admin_context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    admin_page = admin_context.new_page()
    log_in(admin_page, server, "finance", PASSWORD)
    admin_page.wait_for_url("**/workbench/")
    admin_page.goto(server + "/subsidies/claims/export/")
    page_is_usable_on_phone(admin_page)
    assert_no_serious_axe_violations(admin_page)
    month = timezone.localdate().strftime("%Y-%m")
    response = admin_context.request.get(
        f"{server}/subsidies/claims/export/?month={month}&format=csv"
    )
    text = response.body().decode("utf-8-sig")
    assert response.status == 200 and "张桂兰" in text and "1000.00" in text
    admin_context.close()
