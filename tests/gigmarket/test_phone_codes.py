"""A registration pending its texted code: kept in the session, finished only by the right code in
time and within the tries (``gigmarket.phone_codes.PendingRegistration``)."""

import datetime
from unittest import mock

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.utils import timezone

from gigmarket import phone_codes
from gigmarket.phone_codes import CODE_MINUTES, CODE_TRIES, Check, PendingRegistration

KEY = "tests:registration"
CODE = "123456"


@pytest.fixture
def session():
    return SessionStore()


@pytest.fixture
def pending(session):
    code_hash = phone_codes._hash(CODE)
    return PendingRegistration.begin(
        session, KEY, mobile="13800138000", code_hash=code_hash, name="王秀英", region=7
    )


def _in(minutes):
    return mock.patch.object(
        phone_codes.timezone,
        "now",
        return_value=timezone.now() + datetime.timedelta(minutes=minutes),
    )


def test_the_session_keeps_the_form_data_until_the_registration_ends(session, pending):
    again = PendingRegistration.load(session, KEY)
    assert again.mobile == "13800138000" and again["name"] == "王秀英" and again["region"] == 7
    again.end()
    assert PendingRegistration.load(session, KEY) is None
    assert PendingRegistration.load(SessionStore(), KEY) is None


def test_the_right_code_in_time_finishes(pending):
    assert pending.check(CODE) is Check.OK
    assert pending.check(f" {CODE} ") is Check.OK


def test_a_wrong_code_does_not(pending):
    assert pending.check("654321") is Check.WRONG
    assert pending.check("") is Check.WRONG


def test_an_expired_code_does_not(pending):
    with _in(CODE_MINUTES + 1):
        assert pending.check(CODE) is Check.EXPIRED


def test_after_too_many_tries_not_even_the_right_code_does(session, pending):
    for _ in range(CODE_TRIES - 1):
        assert pending.check("000000") is Check.WRONG
    # Every try is counted in the session, so a fresh load carries on the count.
    pending = PendingRegistration.load(session, KEY)
    assert pending.check("000000") is Check.WRONG
    assert pending.check(CODE) is Check.TOO_MANY_TRIES


def test_a_registered_number_has_no_code_that_matches(session):
    pending = PendingRegistration.begin(session, KEY, mobile="13800138000", code_hash="")
    assert pending.check(CODE) is Check.WRONG
