"""Kernel pages: home, elder mode, error pages, security headers, workbench and audit log."""

import pytest
from django.test import override_settings
from django.urls import reverse

from gigmarket import panels
from gigmarket.models import PersonalDataAccess
from gigmarket.services import personal_data_opened
from tests.gigmarket.factories import AdminFactory, AuditorFactory, SeekerUserFactory

pytestmark = pytest.mark.django_db


def test_home_is_public_and_chinese(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "公共就业服务" in body and "找活干" in body
    assert "0851-12333" in body  # the service hotline in the footer


def test_elder_mode_persists_in_a_cookie_and_marks_the_page(client):
    response = client.get(reverse("core:elder_mode"), {"on": "1", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies["elder"].value == "1"
    assert 'class="elder"' in client.get("/").content.decode()
    client.get(reverse("core:elder_mode"), {"on": "0"})
    assert 'class="elder"' not in client.get("/").content.decode()


def test_elder_mode_never_redirects_off_site(client):
    response = client.get(reverse("core:elder_mode"), {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("core:home")


def test_elder_mode_is_a_link_that_sets_a_cookie_not_a_form(client):
    """It changes no record, so anonymous pages carry no form, no CSRF cookie and no session."""
    response = client.get(reverse("jobs:job_list"))
    html = response.content.decode()
    toggle = reverse("core:elder_mode") + "?on=1&amp;next=/jobs/"
    assert f'href="{toggle}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert client.post(reverse("core:elder_mode"), {"on": "1"}).status_code == 405


def test_not_found_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_is_chinese_and_standalone():
    from django.template.loader import render_to_string

    assert "系统出错了" in render_to_string("500.html")


def test_an_expired_form_token_gets_a_chinese_page():
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("jobs:employer_register"), {"name": "x"})
    assert response.status_code == 403
    assert "请重新提交" in response.content.decode()


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_no_asset_comes_from_another_site(client):
    body = client.get("/").content.decode()
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body


def test_workbench_shows_the_panels_apps_register(client, login):
    panels.workbench.register(
        panels.Panel(
            key="test-panel",
            title="今日候工",
            template="gigmarket/test_panel.html",
            context=lambda request: {"feature": "测试面板内容"},
            order=1,
        )
    )
    try:
        login(AdminFactory())
        body = client.get(reverse("core:workbench")).content.decode()
        assert "今日候工" in body and "测试面板内容" in body
    finally:
        panels.workbench.panels.pop("test-panel")


def test_the_auditor_sees_who_opened_personal_data(client, login):
    admin = AdminFactory(display_name="李管理")
    seeker = SeekerUserFactory()
    personal_data_opened(user=admin, record=seeker, purpose="核实身份")
    login(AuditorFactory())
    body = client.get(reverse("core:audit_log")).content.decode()
    assert "李管理" in body and "核实身份" in body
    assert PersonalDataAccess.objects.count() == 1


def test_a_purpose_that_quotes_a_mobile_or_id_is_logged_masked():
    admin = AdminFactory()
    access = personal_data_opened(
        user=admin, record=admin, purpose="回电 13912345678 核对 11010519491231002X"
    )
    assert "13912345678" not in access.purpose and "11010519491231002X" not in access.purpose
    assert "139****5678" in access.purpose


def test_the_audit_log_page_has_a_fixed_number_of_queries(
    client, login, django_assert_max_num_queries
):
    admin = AdminFactory()
    for _ in range(30):
        personal_data_opened(user=admin, record=admin, purpose="x")
    login(AuditorFactory())
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:audit_log")).status_code == 200


def test_home_leads_people_to_register(client):
    body = client.get("/").content.decode()
    assert reverse("seekers:seeker_self_register") in body
    assert reverse("jobs:employer_register") in body
    assert reverse("seekers:account_claim") in body


def test_the_client_address_behind_a_trusted_proxy_is_the_one_it_forwarded(settings, rf):
    """Rate limits and login lockout key on the visitor, not on the proxy every visitor shares."""
    from gigmarket.network import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1", (
        "no proxy configured: a forwarded header is not trusted"
    )
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4", "the entry our proxy appended, not the spoofable first"
    assert settings.AXES_CLIENT_IP_CALLABLE == "gigmarket.network.client_ip"
    unknown = rf.get("/")
    del unknown.META["REMOTE_ADDR"]
    assert client_ip(unknown) is None, "axes stores it in an inet column: no made-up word"


def test_a_services_errors_land_next_to_the_fields_they_name():
    from django import forms
    from django.core.exceptions import ValidationError

    from gigmarket.forms import add_service_errors

    class Form(forms.Form):
        name = forms.CharField(required=False)

    form = Form({})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"name": "名字不对", "elsewhere": "别处的错"}))
    add_service_errors(form, ValidationError("整体的错"))
    assert form.errors["name"] == ["名字不对"]
    assert form.non_field_errors() == ["别处的错", "整体的错"]
