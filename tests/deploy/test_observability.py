"""Structured request logs, the error tracker's scrubbing, Permissions-Policy, the CSRF page."""

import json
import logging

import pytest
import sentry_sdk
from django.test import Client
from django.urls import reverse

from gigmarket import health
from gigmarket.requestlog import JsonFormatter, RequestIdFilter, before_send, init_error_tracker
from tests.gigmarket.factories import SeekerUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="gigmarket.request")

    def lines():
        formatter = JsonFormatter()
        return [
            json.loads(formatter.format(r)) for r in caplog.records if r.name == "gigmarket.request"
        ]

    return lines


def test_one_json_line_per_request_with_id_user_status_and_duration(client, request_lines):
    user = SeekerUserFactory()
    client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")
    response = client.get("/jobs/?q=13912345678&name=王德明", HTTP_X_REQUEST_ID="abc123def456")
    (line,) = request_lines()
    assert line["request_id"] == "abc123def456" == response["X-Request-ID"]
    assert line["user_id"] == user.pk
    assert line["status"] == response.status_code and line["method"] == "GET"
    assert line["path"] == "/jobs/" and isinstance(line["duration_ms"], float)
    text = json.dumps(line, ensure_ascii=False)
    assert "13912345678" not in text and "王德明" not in text and "q=" not in text


def test_a_made_up_request_id_is_replaced_and_anonymous_has_no_user(client, request_lines):
    response = client.get("/nope/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    (line,) = request_lines()
    assert line["status"] == 404 and "user_id" not in line
    assert line["request_id"] == response["X-Request-ID"] and "<" not in line["request_id"]


def test_other_lines_while_serving_carry_the_request_id_and_no_numbers():
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "failed for %s", ("13912345678",), None
    )
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert "13912345678" not in line["message"] and "139****5678" in line["message"]


def test_error_events_are_scrubbed_before_they_leave():
    event = {
        "message": "no seeker 52010219900101123X / 13912345678",
        "exception": {"values": [{"value": "mobile 13912345678 taken"}]},
        "request": {
            "url": "https://lg.example/jobs/",
            "query_string": "q=13912345678",
            "cookies": {"sessionid": "s"},
            "data": {"mobile": "13912345678"},
            "headers": {"Cookie": "sessionid=s", "User-Agent": "x"},
        },
        "user": {"id": 7, "username": "13912345678", "ip_address": "1.2.3.4"},
        "breadcrumbs": {"values": [{"message": "SELECT … '13912345678'"}]},
    }
    sent = json.dumps(before_send(event), ensure_ascii=False)
    assert "13912345678" not in sent and "52010219900101123X" not in sent
    cleaned = before_send(event)
    assert (
        "query_string" not in cleaned["request"] and "Cookie" not in cleaned["request"]["headers"]
    )
    assert cleaned["user"] == {"id": 7}


def test_the_error_tracker_sends_no_personal_data():
    sent = []
    try:
        assert init_error_tracker(
            "https://public@errors.invalid/1",
            transport=lambda envelope: sent.append(envelope),
            default_integrations=False,
        )
        assert sentry_sdk.get_client().options["send_default_pii"] is False
        sentry_sdk.capture_message("lookup failed for 13912345678")
        sentry_sdk.flush()
    finally:
        sentry_sdk.init()  # back to no client
    body = json.dumps(sent, ensure_ascii=False, default=str)
    assert "139****5678" in body and "13912345678" not in body
    assert init_error_tracker("") is False


def test_pages_send_a_permissions_policy(client):
    policy = client.get("/")["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy
    assert "geolocation=(self)" in policy  # the station map's "near me"


def test_the_csrf_failure_page_is_chinese():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("core:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "请重新提交" in body and "Forbidden" not in body


def test_the_balancers_probe_is_logged_only_when_it_fails(client, request_lines, monkeypatch):
    client.get(reverse("core:health"))
    assert request_lines() == []
    monkeypatch.setitem(health.CHECKS, "cache", lambda: 1 / 0)
    client.get(reverse("core:health"))
    assert [line["status"] for line in request_lines()] == [503]
