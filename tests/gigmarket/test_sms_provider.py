"""The Alibaba Cloud sender, through the official SDK against a local server that speaks the
provider's API (tests/fake_sms.py): success, throttling, a bad number, a timeout, and delivery
reports. The outbox's reaction to each is checked through ``notify.deliver``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gigmarket import notify
from gigmarket.models import Message, MessageAttempt
from gigmarket.sms import AliyunSender

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def daytime(monkeypatch):
    moment = dt.datetime(2026, 12, 3, 10, 0, tzinfo=notify.SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def _message(to="13900001111", key="k"):
    return notify.enqueue(
        key=key,
        kind="placement_confirmed",
        to=to,
        variables={"job": "家政保洁", "date": "2026-12-04", "phone": "0851-1234567"},
    )


def test_a_text_leaves_as_the_kinds_template_with_its_variables(fake_sms):
    message = _message()
    assert notify.deliver() == 1
    [sent] = fake_sms.sent
    assert sent["template"] == "SMS_100003" and sent["sign"] == "示范县零工市场"
    assert sent["variables"] == {"job": "家政保洁", "date": "2026-12-04", "phone": "0851-1234567"}
    message.refresh_from_db()
    assert message.state == "sent" and message.provider_id == sent["biz_id"]
    assert MessageAttempt.objects.get(message=message).outcome == "sent"


def test_throttling_is_retried_later_and_recorded_with_the_providers_answer(fake_sms):
    fake_sms.throttle.add("13900001111")
    message = _message()
    assert notify.deliver() == 0
    message.refresh_from_db()
    attempt = MessageAttempt.objects.get(message=message)
    assert (attempt.outcome, attempt.code) == ("retry", "isv.BUSINESS_LIMIT_CONTROL")
    assert "流控" in attempt.detail
    assert message.state == "queued" and message.due_at > timezone.now()


def test_a_bad_number_fails_for_good_without_a_second_try(fake_sms, monkeypatch, daytime):
    message = _message(to="1390000")
    notify.deliver()
    message.refresh_from_db()
    assert message.state == "failed" and "isv.MOBILE_NUMBER_ILLEGAL" in message.last_error
    monkeypatch.setattr(timezone, "now", lambda: daytime + dt.timedelta(hours=2))
    notify.deliver()
    assert len([r for r in fake_sms.requests if r["action"] == "SendSms"]) == 1


def test_a_timeout_is_transient(fake_sms):
    fake_sms.slow.add("13900001111")
    fake_sms.delay = 2.5  # the sender waits SMS_TIMEOUT_SECONDS = 1
    message = _message()
    assert notify.deliver() == 0
    message.refresh_from_db()
    attempt = MessageAttempt.objects.get(message=message)
    assert attempt.outcome == "retry" and message.state == "queued"


def test_a_kind_without_a_template_id_fails_for_good(fake_sms, settings):
    settings.SMS_TEMPLATE_IDS = {}
    message = _message()
    notify.deliver()
    message.refresh_from_db()
    assert message.state == "failed" and "no-template" in message.last_error
    assert fake_sms.requests == []


def test_bad_keys_are_refused_by_the_signature_check(fake_sms, settings):
    settings.SMS_ACCESS_KEY_SECRET = "wrong"
    with pytest.raises(notify.SendError) as error:
        AliyunSender().send(
            channel="sms", to="13900001111", text="x", kind="placement_confirmed", variables={}
        )
    assert error.value.permanent and error.value.code == "SignatureDoesNotMatch"


def test_delivery_reports_mark_texts_delivered(fake_sms):
    message = _message()
    notify.deliver()
    message.refresh_from_db()
    assert notify.check_deliveries() == 0  # the carrier has not reported yet
    fake_sms.delivered.add(message.provider_id)
    assert notify.check_deliveries() == 1
    message.refresh_from_db()
    assert message.state == Message.State.DELIVERED and message.delivered_at
