"""The public job list, job page and station directory stay light: compressed, cacheable for
anonymous visitors, 304 on a repeat visit, HEAD allowed; the cached parts of the list follow the
jobs; the filter form is drawn as Django would; pages are bounded."""

import gzip

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse

from gigmarket.http import public_page, shared_page
from gigmarket.models import Occupation
from jobs.filters import PublicJobFilter
from jobs.views import postings
from tests.gigmarket.factories import AdminFactory, SeekerUserFactory
from tests.jobs.factories import OpenJobFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["jobs:job_list", "stations:station_list"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_anonymous_public_pages_are_cacheable_and_carry_no_cookie(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "stale-while-revalidate=600" in cache_control
    assert not response.cookies  # no csrftoken, no session


def test_the_job_page_is_cacheable_for_anonymous_visitors(client):
    job = OpenJobFactory()
    response = client.get(job.get_absolute_url())
    assert "public" in response["Cache-Control"] and not response.cookies


def test_signed_in_people_get_private_pages(login):
    client = login(SeekerUserFactory())
    response = client.get(reverse("jobs:job_list"))
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_repeat_visit_gets_304_and_head_is_allowed(client, name):
    url = reverse(name)
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.head(url).status_code == 200


def test_pages_leave_the_app_compressed(client):
    OpenJobFactory.create_batch(3, title="搬运工")
    response = client.get(reverse("jobs:job_list"), headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "搬运工" in gzip.decompress(response.content).decode()


def test_the_cached_list_shows_a_job_as_soon_as_it_opens_or_closes(client):
    from jobs import services

    job = OpenJobFactory(title="新开岗位")
    assert "新开岗位" in client.get(reverse("jobs:job_list")).content.decode()
    services.job_close(job=job, by=AdminFactory(), reason="招满")
    assert "新开岗位" not in client.get(reverse("jobs:job_list")).content.decode()
    OpenJobFactory(title="又一个岗位")
    assert "又一个岗位" in client.get(reverse("jobs:job_list")).content.decode()


def test_the_filter_form_is_drawn_exactly_as_django_draws_it():
    filterset = PublicJobFilter({"occupation": "4-09", "nature": "daily", "when": "week"})
    assert filterset.is_valid()
    for name in ["occupation", "nature", "place", "station", "when"]:
        field = filterset.form[name]
        quick = str(field)
        field.field.widget.__class__ = forms.Select
        assert "".join(quick.split()) == "".join(str(field).split()), name
    assert 'value="4-09" selected' in str(filterset.form["occupation"])


def test_deep_pages_are_bounded_and_ask_to_narrow_the_filter(client, monkeypatch):
    monkeypatch.setattr(postings, "MAX_PAGES", 2)
    monkeypatch.setattr(postings, "PAGE_SIZE", 2)
    OpenJobFactory.create_batch(6)
    first = client.get(reverse("jobs:job_list")).content.decode()
    assert "超过 4 个招聘中岗位" in first and "第 1 页，共 2 页" in first.replace("\n", "")
    last = client.get(reverse("jobs:job_list"), {"page": 9}).content.decode()
    assert last.count('class="job-card card"') == 2
    assert "只列出最新的 4 个岗位" in last


def test_a_two_character_keyword_finds_its_jobs(client):
    cleaning = Occupation.objects.get(code="4-01")  # its name and aliases do not hold 搬运
    OpenJobFactory(title="仓库搬运", content="装车")
    OpenJobFactory(title="家庭保洁", content="打扫卫生，偶尔搬运家具", occupation=cleaning)
    OpenJobFactory(title="家庭保洁", content="打扫卫生", occupation=cleaning)
    html = client.get(reverse("jobs:job_list"), {"q": "搬运"}).content.decode()
    assert "仓库搬运" in html and html.count('class="job-card card"') == 2
    html = client.get(reverse("jobs:job_list"), {"q": "搬运 家具"}).content.decode()
    assert html.count('class="job-card card"') == 1


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_page_showing_a_one_time_message_is_not_shared(client, name):
    # The messages middleware deletes the message's cookie after the view has run, so the page
    # must be judged by the message itself: it may name a tracking number or a person.
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode(
        [Message(constants.SUCCESS, "Complaint T20261203 received")]
    )
    response = client.get(reverse(name))
    assert "Complaint T20261203 received" in response.content.decode()
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_page_drawn_with_a_csrf_token_is_not_shared(rf):
    @public_page
    def page(request):
        return HttpResponse(get_token(request))

    request = rf.get("/")
    request.user = AnonymousUser()
    response = page(request)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_cached_pager_carries_only_the_filters(client):
    # The cards and pager are stored under the filters alone: whatever else one visitor's URL
    # carried must not end up in the links served to the next visitor.
    OpenJobFactory.create_batch(postings.PAGE_SIZE + 1, title="搬运工")
    client.get(reverse("jobs:job_list"), {"q": "搬运", "from": "poisoned"})
    response = client.get(reverse("jobs:job_list"), {"q": "搬运"})
    html = response.content.decode()
    assert "page=2" in html
    assert "poisoned" not in html


def _counted_page(version):
    drawn = []

    @shared_page(params=frozenset(["q"]), version=lambda: version[0])
    def page(request):
        drawn.append(1)
        return HttpResponse(f"page {len(drawn)}")

    return page, drawn


def _anonymous_get(rf, path, **cookies):
    request = rf.get(path)
    request.user = AnonymousUser()
    request.COOKIES.update(cookies)
    return request


def test_an_anonymous_page_is_drawn_once_and_then_shared(rf):
    version = ["1"]
    page, drawn = _counted_page(version)
    assert page(_anonymous_get(rf, "/?q=a")).content == b"page 1"
    assert page(_anonymous_get(rf, "/?q=a")).content == b"page 1"
    assert len(drawn) == 1
    page(_anonymous_get(rf, "/?q=b"))  # another URL, another page
    page(_anonymous_get(rf, "/?q=a", elder="1"))  # elder mode draws its own
    assert len(drawn) == 3
    version[0] = "2"  # what the page shows changed (e.g. a job was saved)
    assert page(_anonymous_get(rf, "/?q=a")).content == b"page 4"


def test_pages_of_signed_in_visitors_and_unknown_parameters_are_never_shared(rf):
    page, drawn = _counted_page(["1"])
    for _ in range(2):
        page(_anonymous_get(rf, "/?q=a", sessionid="x"))
        page(_anonymous_get(rf, "/?q=a&from=poisoned"))
        page(_anonymous_get(rf, "/?q=a", messages="x"))
    assert len(drawn) == 6


def test_a_page_with_a_csp_nonce_or_a_cookie_is_not_kept(rf):
    @shared_page()
    def page(request):
        request._csp_nonce = "abc"
        return HttpResponse(request._csp_nonce)

    @shared_page()
    def cookie_page(request):
        response = HttpResponse("x")
        response.set_cookie("elder", "1")
        return response

    for view in (page, cookie_page):
        view(_anonymous_get(rf, "/"))
        view(_anonymous_get(rf, "/"))
    assert not [k for k in cache._cache if ":page:" in k]  # locmem keys carry the prefix
