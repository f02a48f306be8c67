"""Logging in: Chinese messages, lockout after 5 failures, staff password rules, idle expiry."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from gigmarket.models import User
from tests.gigmarket.factories import PASSWORD, AdminFactory, SeekerUserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def test_a_wrong_password_gets_a_chinese_message(client):
    AdminFactory(username="wang")
    response = client.post(LOGIN, {"username": "wang", "password": "nope"})
    assert response.status_code == 200
    assert "账号或密码不对" in response.content.decode()


def test_five_failures_lock_the_account_from_that_address(client):
    AdminFactory(username="wang")
    for _ in range(5):
        client.post(LOGIN, {"username": "wang", "password": "wrong"})
    response = client.post(LOGIN, {"username": "wang", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_in_different_spellings_of_one_mobile_lock_it_too(client):
    """The backend reads a mobile in any spelling, so the lockout must count them as one."""
    SeekerUserFactory(username="s1", phone="13912345678")
    spellings = [
        "13912345678",
        "139 1234 5678",
        "+86 139-1234-5678",
        "139-1234-5678",
        "８６13912345678",
    ]
    for spelling in spellings:
        client.post(LOGIN, {"username": spelling, "password": "wrong"})
    response = client.post(LOGIN, {"username": "+8613912345678", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_right_password_logs_in_and_lands_on_the_workbench(client):
    AdminFactory(username="wang")
    response = client.post(LOGIN, {"username": "wang", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"]).url == reverse("core:workbench")


def test_a_seeker_can_log_in_with_a_mobile_in_any_spelling(client):
    SeekerUserFactory(username="s1", phone="13912345678")
    response = client.post(LOGIN, {"username": "+86 139-1234-5678", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(response["Location"]).url == reverse("core:me")


@pytest.mark.parametrize(
    "password", ["Short-1a", "alllowercaseletters", "ALLUPPER12345", "Password123"]
)
def test_weak_staff_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="li", kind=User.Kind.STAFF))


def test_a_strong_staff_password_is_accepted():
    validate_password("Qiao-Tou-2026", User(username="li", kind=User.Kind.STAFF))


def test_staff_sessions_expire_after_thirty_idle_minutes(client, login):
    login(AdminFactory())
    client.get(reverse("core:workbench"))
    assert client.session.get_expiry_age() == 30 * 60


def test_seeker_sessions_last_longer(client, login):
    login(SeekerUserFactory())
    client.get(reverse("core:me"))
    assert client.session.get_expiry_age() > 24 * 3600


def test_phone_is_unique_when_present_and_optional():
    User.objects.create(username="a", phone="")
    User.objects.create(username="b", phone="")
    assert User.objects.filter(phone__isnull=True).count() >= 2
    user = User(username="c", phone="１３８００１３８０００")
    user.full_clean(exclude=["password"])
    assert user.phone == "13800138000"
