"""#12: the login page names the site (not the host), leads on to registration, and says what
to do with a forgotten password, for each kind of account."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_shows_the_site_name_not_the_host(client, settings):
    settings.SITE_NAME = "示范县零工市场"
    body = client.get(reverse("core:login")).content.decode()
    title = body.split("<title>")[1].split("</title>")[0]
    assert "示范县零工市场" in title and "testserver" not in title
    header = body.split('class="site-name"')[1].split("</a>")[0]
    assert "示范县零工市场" in header and "testserver" not in header


def test_the_login_page_leads_to_registration_and_says_how_to_reset_a_password(client):
    body = client.get(reverse("core:login")).content.decode()
    for url in ("seekers:seeker_self_register", "jobs:employer_register", "seekers:account_claim"):
        assert f'href="{reverse(url)}"' in body, url
    forgot = body.split('id="forgot-password"')[1].split("</section>")[0]
    assert "求职人员" in forgot and "用工主体" in forgot and "工作人员" in forgot
    assert "身份证" in forgot and "短信" in forgot
