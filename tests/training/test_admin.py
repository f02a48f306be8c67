"""The Django admin cannot take a seat or cut seats past the services' locks and logs."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

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
    assert not site._registry[Programme].has_change_permission(request, referral.programme)


@pytest.mark.parametrize("model_name", ["programme", "demandorder"])
def test_a_superuser_cannot_add_or_change_programmes_or_demand_orders_in_the_admin(
    admin_client, model_name
):
    """Issue #12: a superuser could add demand orders and programmes without the service."""
    from tests.training.factories import DemandOrderFactory, ProgrammeFactory
    from training.models import Session

    record = (ProgrammeFactory if model_name == "programme" else DemandOrderFactory)()
    add = reverse(f"admin:training_{model_name}_add")
    assert admin_client.get(add).status_code == 403
    assert admin_client.post(add, {}).status_code == 403
    change = reverse(f"admin:training_{model_name}_change", args=[record.pk])
    page = admin_client.get(change)
    assert page.status_code == 200  # still readable
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(change, {}).status_code == 403
    delete = reverse(f"admin:training_{model_name}_delete", args=[record.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()
    if model_name == "programme":
        inline = site._registry[Programme].get_inline_instances(page.wsgi_request, record)
        session_inline = next(i for i in inline if i.model is Session)
        assert not session_inline.has_add_permission(page.wsgi_request, record)
