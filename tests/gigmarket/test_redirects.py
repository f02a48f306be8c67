"""The one safe-redirect rule: ``next`` goes to a path on this site, anything else to the default."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from gigmarket.redirects import safe_next_url
from stations.models import ServiceRecord
from tests.gigmarket.factories import AdminFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

HOSTILE = [
    "abc",  # a bare word: redirect() would reverse it as a URL name and fail after the write
    "//evil.example",
    "https://evil.example",
    "http://evil.example/path",
    "javascript:alert(1)",
    "/\\evil",
    "\\\\evil.example",
    "/ok\r\nSet-Cookie: x=1",
    " /leading-space",
    "../up",
    "abc/def",
]


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_gives_the_default(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next_url(request, "/default/") == "/default/"


@pytest.mark.parametrize("target", ["/workbench/", "/stations/ledger/?start=2026-01-01&kind=x"])
def test_a_path_on_this_site_is_followed(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next_url(request, "/default/") == target


def test_a_next_with_control_characters_gives_the_default():
    request = RequestFactory().post("/", {"next": "/\x00abc"})
    assert safe_next_url(request, "/default/") == "/default/"


def test_next_from_the_query_string_follows_the_same_rule():
    assert safe_next_url(RequestFactory().get("/", {"next": "/me/"}), "/d/") == "/me/"
    assert safe_next_url(RequestFactory().get("/", {"next": "abc"}), "/d/") == "/d/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE)
def test_a_ledger_entry_with_a_hostile_next_is_saved_once_and_redirects_home(login, target):
    """Issue #12: ``next=abc`` saved the row and then answered 500, so staff retried and duplicated it."""
    station = StationFactory()
    client = login(StationAssignmentFactory(station=station).user)
    response = client.post(
        reverse("stations:ledger_entry_add", kwargs={"code": station.code}),
        {"kind": "consultation", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:ledger", kwargs={"code": station.code})
    assert ServiceRecord.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE)
def test_retiring_a_station_with_a_hostile_next_goes_to_the_registry(login, target):
    admin = AdminFactory()
    station = StationFactory()
    response = login(admin).post(
        reverse("stations:station_retire", kwargs={"code": station.code}),
        {"reason": "场地到期", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("stations:station_registry")


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE)
def test_elder_mode_with_a_hostile_next_goes_home(client, target):
    response = client.get(reverse("core:elder_mode"), {"on": "1", "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["abc", "//evil.example", "https://evil.example"])
def test_logging_in_with_a_hostile_next_goes_to_the_start_page(client, target):
    from tests.gigmarket.factories import SeekerUserFactory

    user = SeekerUserFactory(username="13800000009")
    user.set_password("Pass-word-2026")
    user.save()
    response = client.post(
        reverse("core:login") + "?next=" + target,
        {"username": "13800000009", "password": "Pass-word-2026", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:after_login")


def test_the_elder_toggle_on_a_forms_answer_returns_to_the_page_the_form_was_on(rf):
    """#12 follow-up: on a page answering a POST (a revealed mobile, say) the toggle used to link
    back to that URL by GET, a 405; it returns to the page the form was on instead."""
    from gigmarket.context_processors import elder_next

    page = rf.get("/jobs/7/candidates/?tab=all")
    assert elder_next(page) == "/jobs/7/candidates/?tab=all"
    answer = rf.post(
        "/jobs/7/candidates/3/call/", HTTP_REFERER="http://testserver/jobs/7/candidates/"
    )
    assert elder_next(answer) == "/jobs/7/candidates/"
    elsewhere = rf.post("/jobs/7/candidates/3/call/", HTTP_REFERER="https://evil.example/x")
    assert elder_next(elsewhere) == "/"
    assert elder_next(rf.post("/jobs/7/candidates/3/call/")) == "/"
