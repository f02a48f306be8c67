"""seed_demo loads the demo data and can run again without duplicating anything."""

import pytest
from django.apps import apps
from django.core.management import call_command

from gigmarket.models import User

pytestmark = pytest.mark.django_db


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in ("axes", "sessions", "auditlog", "admin")
    }


def test_seed_demo_is_idempotent_and_prints_logins(capsys):
    call_command("seed_demo")
    first = _counts()
    out = capsys.readouterr().out
    assert "admin" in out and "Demo-Admin-2026" in out
    call_command("seed_demo")
    assert _counts() == first
    admin = User.objects.get(username="admin")
    assert admin.check_password("Demo-Admin-2026") and admin.has_role("county_admin")
