"""The health endpoint: "ok"/"fail" for the load balancer, details only for staff or the host."""

import json

import pytest
from django.urls import reverse

from gigmarket import health
from tests.gigmarket.factories import SeekerUserFactory, StationStaffFactory

pytestmark = pytest.mark.django_db

THROUGH_NGINX = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}


def test_the_public_through_the_proxy_gets_only_ok(client):
    response = client.get(reverse("core:health"), **THROUGH_NGINX)
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_a_failing_component_is_503_fail_and_names_nothing_in_public(client, monkeypatch):
    def broken():
        raise ConnectionError("redis://10.1.2.3:6379 refused")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get(reverse("core:health"), **THROUGH_NGINX)
    assert response.status_code == 503
    assert response.content == b"fail"


def test_a_seeker_sees_no_details_but_staff_see_each_check(client, monkeypatch):
    monkeypatch.setitem(health.CHECKS, "cache", lambda: 1 / 0)
    client.force_login(SeekerUserFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    assert client.get(reverse("core:health"), **THROUGH_NGINX).content == b"fail"
    client.force_login(StationStaffFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    response = client.get(reverse("core:health"), **THROUGH_NGINX)
    body = json.loads(response.content)
    assert response.status_code == 503 and body["status"] == "fail"
    assert body["checks"]["database"]["ok"] and body["checks"]["storage"]["ok"]
    assert "ZeroDivisionError" in body["checks"]["cache"]["error"]


def test_the_host_itself_asking_the_app_directly_sees_details(client):
    response = client.get(reverse("core:health"), REMOTE_ADDR="127.0.0.1")
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert set(body["checks"]) >= {"database", "cache", "storage", "queue"}


def test_another_component_can_register_its_check(client, monkeypatch):
    monkeypatch.setattr(health, "CHECKS", dict(health.CHECKS))
    health.register("queue")(lambda: None)
    body = json.loads(client.get(reverse("core:health"), REMOTE_ADDR="127.0.0.1").content)
    assert body["checks"]["queue"]["ok"]


def test_an_unreachable_broker_makes_the_site_unhealthy(client, monkeypatch):
    monkeypatch.setattr(health, "queue_problem", lambda: "broker unreachable (OperationalError)")
    response = client.get(reverse("core:health"), REMOTE_ADDR="127.0.0.1")
    body = json.loads(response.content)
    assert response.status_code == 503 and not body["checks"]["queue"]["ok"]
    assert "broker unreachable" in body["checks"]["queue"]["error"]
