"""The Django admin cannot take a seat or cut seats past the services' locks and logs."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from tests.gigmarket.factories import UserFactory
from tests.training.factories import ReferralFactory
from training.models import Programme, Referral

pytestmark = pytest.mark.django_db


def test_admin_cannot_add_referrals_or_move_seats():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    request = RequestFactory().get("/")
    request.user = superuser
    referral = ReferralFactory()
    referral_admin = site._registry[Referral]
    assert not referral_admin.has_add_permission(request)
    assert {"programme", "seeker", "status"} <= set(
        referral_admin.get_readonly_fields(request, referral)
    )
    assert "capacity" in site._registry[Programme].get_readonly_fields(request, referral.programme)
