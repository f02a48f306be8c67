"""#12: on a phone, a worker types what people say ("采茶") and finds the tea-picking job; the
kind-of-work list offers concrete kinds only, grouped."""

import pytest

from gigmarket.models import Occupation
from tests.browser.conftest import page_is_usable_on_phone
from tests.jobs.factories import OpenJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_finds_tea_picking_by_saying_cai_cha(page, server):
    OpenJobFactory(occupation=Occupation.objects.get(code="5-03"), title="茶叶采摘季节工")
    OpenJobFactory(title="仓库装卸搬运")
    page.goto(server + "/jobs/")
    options = page.locator("select[name=occupation] option").evaluate_all(
        "options => options.map(o => o.textContent.trim())"
    )
    assert "军队人员" not in options and "茶叶采摘工" in options
    assert page.locator("select[name=occupation] optgroup").count() >= 4
    page.locator("details.job-filter summary").click()
    page.fill("input[name=q]", "采茶")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_url("**q=*")
    body = page.locator("main").inner_text()
    assert "茶叶采摘季节工" in body and "仓库装卸搬运" not in body
    page_is_usable_on_phone(page)
