"""The kernel outbox: one message per event key, rendered text with the opt-out words and the
service name, quiet hours, the daily cap, retries with back-off, permanent failures, opt-outs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gigmarket import notify, services
from gigmarket.models import Message, MessageAttempt, MessageOptOut

pytestmark = pytest.mark.django_db

SH = notify.SHANGHAI


def _at(monkeypatch, hour, minute=0, day=3):
    moment = dt.datetime(2026, 12, day, hour, minute, tzinfo=SH)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


class Flaky:
    """Fails as told by ``plan`` (a list of exceptions or None for success), records the rest."""

    plan: list = []
    sent: list = []

    def send(self, *, channel, to, text, kind, variables):
        step = Flaky.plan.pop(0) if Flaky.plan else None
        if step is not None:
            raise step
        Flaky.sent.append({"to": to, "kind": kind, "variables": variables, "text": text})
        return "biz-1"


@pytest.fixture(autouse=True)
def daytime(monkeypatch):
    """10:00 in Shanghai unless a test says otherwise (outside quiet hours)."""
    return _at(monkeypatch, 10)


@pytest.fixture
def flaky(settings):
    settings.NOTIFICATION_SENDER = "tests.gigmarket.test_notify.Flaky"
    Flaky.plan, Flaky.sent = [], []
    return Flaky


def _enqueue(key="k1", to="13900001111", kind="placement_signup", **extra):
    return notify.enqueue(
        key=key, kind=kind, to=to, variables={"job": "保洁", "date": "12-04", "phone": "1"}, **extra
    )


def test_one_key_makes_one_message_and_its_text_ends_with_opt_out_and_service_name(settings):
    first = _enqueue()
    again = _enqueue()
    assert first.pk == again.pk and Message.objects.count() == 1
    assert "保洁" in first.text
    assert first.text.endswith(f"{settings.SMS_OPT_OUT_WORDS}【{settings.SITE_NAME}】")
    assert f"/u/{first.token}/" in first.text
    assert first.variables == {"job": "保洁", "date": "12-04", "phone": "1"}


def test_an_unregistered_kind_is_refused():
    with pytest.raises(ValueError):
        notify.enqueue(key="x", kind="no_such_kind", to="1", variables={})


def test_quiet_hours_hold_ordinary_messages_until_eight_but_not_urgent_ones(monkeypatch, flaky):
    _at(monkeypatch, 22, 30)
    calm = _enqueue("calm")
    urgent = _enqueue("urgent", urgent=True)
    assert calm.due_at == dt.datetime(2026, 12, 4, 8, 0, tzinfo=SH)
    assert notify.deliver() == 1
    assert [m["text"] for m in flaky.sent] == [urgent.text]
    _at(monkeypatch, 8, 0, day=4)
    assert notify.deliver() == 1
    assert Message.objects.get(key="calm").state == Message.State.SENT


def test_a_message_is_never_sent_twice(flaky):
    _enqueue()
    assert notify.deliver() == 1
    assert notify.deliver() == 0
    assert len(flaky.sent) == 1


def test_transient_failures_are_retried_with_back_off_and_each_attempt_is_kept(monkeypatch, flaky):
    start = _at(monkeypatch, 10)
    flaky.plan = [
        notify.SendError("too fast", code="isv.BUSINESS_LIMIT_CONTROL"),
        TimeoutError("timed out"),
    ]
    message = _enqueue()
    assert notify.deliver() == 0
    message.refresh_from_db()
    assert message.state == Message.State.QUEUED
    assert message.due_at == start + dt.timedelta(minutes=1)
    assert notify.deliver() == 0  # not due yet
    _at(monkeypatch, 10, 1)
    assert notify.deliver() == 0
    message.refresh_from_db()
    assert message.due_at == start + dt.timedelta(minutes=6)
    _at(monkeypatch, 10, 6)
    assert notify.deliver() == 1
    message.refresh_from_db()
    assert (message.state, message.attempts, message.provider_id) == ("sent", 3, "biz-1")
    outcomes = list(MessageAttempt.objects.filter(message=message).values_list("outcome", "code"))
    assert outcomes == [
        ("retry", "isv.BUSINESS_LIMIT_CONTROL"),
        ("retry", "TimeoutError"),
        ("sent", "OK"),
    ]


def test_a_permanent_failure_stops_at_once_with_its_reason(flaky):
    flaky.plan = [notify.SendError("bad number", code="isv.MOBILE_NUMBER_ILLEGAL", permanent=True)]
    message = _enqueue()
    notify.deliver()
    message.refresh_from_db()
    assert message.state == Message.State.FAILED
    assert "isv.MOBILE_NUMBER_ILLEGAL" in message.last_error
    assert notify.deliver() == 0 and flaky.sent == []


def test_gives_up_after_the_last_allowed_attempt(monkeypatch, flaky, settings):
    settings.SMS_MAX_ATTEMPTS = 2
    _at(monkeypatch, 10)
    flaky.plan = [TimeoutError("1"), TimeoutError("2"), None]
    message = _enqueue()
    notify.deliver()
    _at(monkeypatch, 11)
    notify.deliver()
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 2)


def test_the_daily_cap_moves_the_rest_to_tomorrow_morning(monkeypatch, flaky, settings):
    settings.SMS_DAILY_CAP = 2
    _at(monkeypatch, 10)
    for n in range(3):
        _enqueue(f"k{n}")
    _enqueue("other", to="13900002222")
    assert notify.deliver() == 3
    held = Message.objects.get(key="k2")
    assert held.state == "queued" and held.due_at == dt.datetime(2026, 12, 4, 8, tzinfo=SH)
    _at(monkeypatch, 8, 0, day=4)
    assert notify.deliver() == 1


def test_an_opt_out_is_honoured_per_kind_and_recorded(flaky):
    queued = _enqueue("before")
    services.message_opt_out(to="13900001111", kind="placement_signup", how="window")
    queued.refresh_from_db()
    assert queued.state == Message.State.SUPPRESSED
    later = _enqueue("after")
    assert later.state == Message.State.SUPPRESSED
    other_kind = _enqueue("confirmed", kind="placement_confirmed")
    assert notify.deliver() == 1
    assert [m["kind"] for m in flaky.sent] == ["placement_confirmed"]
    assert other_kind.to == "13900001111"
    row = MessageOptOut.objects.get()
    assert (row.kind, row.how) == ("placement_signup", "window")


def test_the_opt_out_link_records_a_refusal_without_showing_the_number(client, flaky):
    message = _enqueue()
    page = client.get(f"/u/{message.token}/")
    assert page.status_code == 200 and "13900001111" not in page.content.decode()
    client.post(f"/u/{message.token}/")
    assert MessageOptOut.objects.filter(
        to="13900001111", kind="placement_signup", how="link"
    ).exists()
    assert client.get("/u/not-a-token/").status_code == 404


def test_login_codes_cannot_be_refused(flaky):
    services.message_opt_out(to="13900001111", kind="*", how="window")
    assert not notify.opted_out("13900001111", "phone_code")
    assert notify.opted_out("13900001111", "placement_signup")
